/* pipeline.h — internal helpers of the public operations. */
#ifndef PD_PIPELINE_H
#define PD_PIPELINE_H

#include <stdbool.h>

/* approval, offer, concept, implementation */
bool pd_kind_is_known(const char *kind);

#endif
