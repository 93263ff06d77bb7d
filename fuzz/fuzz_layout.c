/* fuzz_layout.c — layout XML (what a partner stylesheet may produce) through the parser, the
 * layout schema, the layout engine and the PDF renderer, whose bytes are discarded. Images
 * may come from a private folder holding a small PNG and SVG (logo.png, logo.svg). */
#include "engine.h"
#include "output.h"
#include "pdf.h"
#include "validate.h"
#include "xml.h"

#include "fuzz_util.h"

static pd_ctx *ctx; /* kept: schema and fonts are loaded once, as in a batch worker */

/* A 2x2 PNG and a small SVG, so that <image src="logo.png"> has something to load. */
static const unsigned char tiny_png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd,
    0xd4, 0x9a, 0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
    0xcf, 0xc0, 0x00, 0x44, 0x0c, 0x10, 0x0a, 0x00, 0x1f, 0xee, 0x03, 0xfd, 0x8b, 0x5f, 0x14,
    0xd4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
static const char tiny_svg[] =
    "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>"
    "<rect width='10' height='10' fill='#1b3f8b'/></svg>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ctx) {
        if (!(ctx = pd_ctx_new()) || !fuzz_write("logo.png", tiny_png, sizeof tiny_png) ||
            !fuzz_write("logo.svg", tiny_svg, sizeof tiny_svg - 1))
            abort();
    }
    pd_ctx_clear_diags(ctx);
    /* Named inside the private folder, so relative image paths resolve there. */
    xmlDocPtr doc = pd_xml_parse(ctx, (const char *)data, size, fuzz_path("fuzz.layout.xml"));
    if (!doc)
        return 0;
    if (pd_validate_doc(ctx, doc, "layout.rng") == PD_OK) {
        const char *dirs[] = {fuzz_private_dir(), NULL};
        pd_layout *lay = NULL;
        /* a small page limit keeps each run short; the limit itself is what is tested */
        if (pd_layout_run(ctx, doc, dirs, NULL, 30, &lay) == PD_OK) {
            pd_output *o = NULL;
            if (pd_output_open(ctx, "/dev/null", &o) == PD_OK) {
                pd_render_pdf(lay, o);
                pd_output_abort(o); /* discards the bytes held for /dev/null */
            }
        }
        pd_layout_free(lay);
    }
    xmlFreeDoc(doc);
    return 0;
}
