# resilience.mk — the out-of-memory test (tests/oom/run): a render in which the Nth allocation
# of phasedoc's own code fails, N = 1..40 and then every 25 % further (about 75 renders a
# kind: an approval sheet and an offer, two to three minutes on a busy two-core machine). Not
# part of `make check` (its length); CI runs it as its own step.
.PHONY: oom-check
oom-check: $(BUILD)/phasedoc
	./tests/oom/run $(BUILD)/phasedoc approval
	./tests/oom/run $(BUILD)/phasedoc offer
