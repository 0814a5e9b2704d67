#ifndef REHEARSE_CGSL_SHIM_H
#define REHEARSE_CGSL_SHIM_H

#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_errno.h>

/* Swift 6 rejects GSL's generator-type globals (mutable C globals are not
   concurrency-safe), so each one is reached through an accessor. */
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *cgsl_rng_taus2(void) { return gsl_rng_taus2; }

#endif
