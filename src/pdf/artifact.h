/* artifact.h — page furniture as artifacts. Cairo 1.16 can mark content only as part of a
 * structure element, and only of a standard structure type, so the renderer opens one of
 * the ruby and warichu types (which phasedoc's layouts never make: flow.c's tag_name) around
 * each piece of furniture as a marker, and the finisher turns the marker's marked content
 * into an /Artifact sequence and drops its structure element and parent-tree entry
 * (artifact.c, finish.c). */
#ifndef PD_PDF_ARTIFACT_H
#define PD_PDF_ARTIFACT_H

#include <stdbool.h>
#include <stddef.h>

#define PD_ARTIFACT_BACKGROUND "RB"
#define PD_ARTIFACT_HEADER "RT"
#define PD_ARTIFACT_FOOTER "RP"
#define PD_ARTIFACT_WATERMARK "WP"

/* A content stream (Flate-compressed, as cairo writes it) with every marker's
 * "/RT << /MCID n >> BDC" line made the artifact's BDC and the MCIDs after a marker one less
 * for each marker before them, recompressed (malloc'd, *out_len bytes); the markers' MCIDs
 * (as cairo numbered them, ascending) are appended to *mcids (grown with pd_array_grow,
 * *nmcids of them). NULL when there is nothing to change (*changed false, *why NULL: the stream is passed
 * on as it is) or on failure (*why says what: it does not inflate, a marker is not written as
 * expected or out of order, no memory). */
unsigned char *pd_artifact_rewrite(const unsigned char *data, size_t len, size_t *out_len,
                                   int **mcids, int *nmcids, bool *changed,
                                   const char **why);

#endif
