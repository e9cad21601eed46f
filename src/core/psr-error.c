/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-error.h"

G_DEFINE_QUARK (psr-error-quark, psr_error)
