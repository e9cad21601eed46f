/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-record.h"

G_BEGIN_DECLS

#define PSR_TYPE_COMPETENCY (psr_competency_get_type ())

G_DECLARE_FINAL_TYPE (PsrCompetency, psr_competency, PSR, COMPETENCY, PsrRecord)

/**
 * PsrCompetencyKind:
 * @PSR_COMPETENCY_FIELD: a field of the framework, at the root
 * @PSR_COMPETENCY_COMPETENCY: a competency, inside a field
 * @PSR_COMPETENCY_INDICATOR: an observable indicator, inside a competency
 */
typedef enum
{
  PSR_COMPETENCY_FIELD,
  PSR_COMPETENCY_COMPETENCY,
  PSR_COMPETENCY_INDICATOR,
} PsrCompetencyKind;

gint64            psr_competency_get_framework_id (PsrCompetency *self);
gint64            psr_competency_get_parent_id    (PsrCompetency *self);
PsrCompetencyKind psr_competency_get_kind         (PsrCompetency *self);
const char       *psr_competency_get_code         (PsrCompetency *self);
const char       *psr_competency_get_description  (PsrCompetency *self);
guint             psr_competency_get_position     (PsrCompetency *self);
gboolean          psr_competency_get_archived     (PsrCompetency *self);
guint             psr_competency_get_n_children   (PsrCompetency *self);

const char       *psr_competency_kind_to_string   (PsrCompetencyKind kind);

G_END_DECLS
