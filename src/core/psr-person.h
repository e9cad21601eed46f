/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-record.h"

G_BEGIN_DECLS

#define PSR_TYPE_PERSON (psr_person_get_type ())

G_DECLARE_FINAL_TYPE (PsrPerson, psr_person, PSR, PERSON, PsrRecord)

const char *psr_person_get_given_name   (PsrPerson *self);
const char *psr_person_get_family_name  (PsrPerson *self);
const char *psr_person_get_email        (PsrPerson *self);
const char *psr_person_get_organisation (PsrPerson *self);
const char *psr_person_get_country      (PsrPerson *self);
const char *psr_person_get_language     (PsrPerson *self);
gboolean    psr_person_get_is_trainer   (PsrPerson *self);

G_END_DECLS
