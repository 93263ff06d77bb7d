# signing.mk — what PDF finishing and signing need at build time.
#
# The sRGB profile of every document's PDF/A OutputIntent is Debian's icc-profiles-free
# sRGB.icc (6,922 bytes, ICC v2), deflated at build time into the library, so that a
# document's bytes do not depend on the files of the machine it is rendered on.

SRGB_ICC ?= /usr/share/color/icc/sRGB.icc

$(BUILD)/gen/srgb.c: $(SRGB_ICC) mk/signing.mk
	@mkdir -p $(dir $@)
	@echo "  GEN  $@"
	@python3 -c 'import sys, zlib; d = zlib.compress(open(sys.argv[1], "rb").read(), 9); \
	print("/* generated from %s by mk/signing.mk: deflated */" % sys.argv[1]); \
	print("#include \"srgb.h\""); \
	print("const unsigned char pd_srgb_icc[] = {"); \
	[print("    " + "".join("%d," % b for b in d[i:i + 24])) for i in range(0, len(d), 24)]; \
	print("};"); print("const size_t pd_srgb_icc_len = %d;" % len(d))' $< > $@.tmp
	@mv $@.tmp $@

$(BUILD)/gen/srgb.o: $(BUILD)/gen/srgb.c
	@echo "  CC   $<"
	@$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -fPIC -c $< -o $@

$(BUILD)/libphasedoc.a: $(BUILD)/gen/srgb.o
