/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-record.h"

G_BEGIN_DECLS

#define PSR_TYPE_SESSION (psr_session_get_type ())

G_DECLARE_FINAL_TYPE (PsrSession, psr_session, PSR, SESSION, PsrRecord)

const char *psr_session_get_place      (PsrSession *self);
const char *psr_session_get_room       (PsrSession *self);
const char *psr_session_get_status     (PsrSession *self);
GDate      *psr_session_get_starts_on  (PsrSession *self);
GDate      *psr_session_get_ends_on    (PsrSession *self);
guint       psr_session_get_capacity   (PsrSession *self);
guint       psr_session_get_n_enrolled (PsrSession *self);

G_END_DECLS
