/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-record.h"

G_BEGIN_DECLS

#define PSR_TYPE_CURRICULUM (psr_curriculum_get_type ())

G_DECLARE_FINAL_TYPE (PsrCurriculum, psr_curriculum, PSR, CURRICULUM, PsrRecord)

/**
 * PsrCurriculumField:
 * @PSR_CURRICULUM_FIELD_TITLE: the title, never empty
 * @PSR_CURRICULUM_FIELD_SUMMARY: what the course is about
 * @PSR_CURRICULUM_FIELD_AUDIENCE: who it is for
 * @PSR_CURRICULUM_FIELD_PREREQUISITES: what trainees need beforehand
 * @PSR_CURRICULUM_FIELD_TEACHING_METHODS: how it is taught
 * @PSR_CURRICULUM_FIELD_EVALUATION_METHODS: how skills are evaluated
 * @PSR_CURRICULUM_FIELD_ACCESS_TERMS: how to enrol, and funding
 * @PSR_CURRICULUM_FIELD_ACCESS_DELAY: how long before a session one can enrol
 * @PSR_CURRICULUM_FIELD_CONTACT: whom to ask
 * @PSR_CURRICULUM_FIELD_ACCESSIBILITY: disability access and the referent
 * @PSR_CURRICULUM_FIELD_LANGUAGE: the language of teaching, as a code ("fr"), never empty
 *
 * The text fields of a curriculum: read them with psr_curriculum_get_text()
 * and change them with psr_curriculum_set_field() (psr-curricula.h).
 */
typedef enum
{
  PSR_CURRICULUM_FIELD_TITLE,
  PSR_CURRICULUM_FIELD_SUMMARY,
  PSR_CURRICULUM_FIELD_AUDIENCE,
  PSR_CURRICULUM_FIELD_PREREQUISITES,
  PSR_CURRICULUM_FIELD_TEACHING_METHODS,
  PSR_CURRICULUM_FIELD_EVALUATION_METHODS,
  PSR_CURRICULUM_FIELD_ACCESS_TERMS,
  PSR_CURRICULUM_FIELD_ACCESS_DELAY,
  PSR_CURRICULUM_FIELD_CONTACT,
  PSR_CURRICULUM_FIELD_ACCESSIBILITY,
  PSR_CURRICULUM_FIELD_LANGUAGE,
} PsrCurriculumField;

#define PSR_CURRICULUM_N_FIELDS (PSR_CURRICULUM_FIELD_LANGUAGE + 1)

/* Each text field is also a property, named as the column with dashes
 * ("teaching-methods"); the title is the record's "title". */
const char *psr_curriculum_get_text               (PsrCurriculum      *self,
                                                   PsrCurriculumField  field);

const char *psr_curriculum_get_lineage_uuid       (PsrCurriculum *self);
/* 0 when the curriculum is built on no framework. */
gint64      psr_curriculum_get_framework_id       (PsrCurriculum *self);
guint       psr_curriculum_get_version            (PsrCurriculum *self);
/* "draft", "published" or "archived". */
const char *psr_curriculum_get_status             (PsrCurriculum *self);
const char *psr_curriculum_get_summary            (PsrCurriculum *self);
const char *psr_curriculum_get_audience           (PsrCurriculum *self);
const char *psr_curriculum_get_prerequisites      (PsrCurriculum *self);
/* "in-person", "remote" or "blended". */
const char *psr_curriculum_get_modality           (PsrCurriculum *self);
double      psr_curriculum_get_duration_hours     (PsrCurriculum *self);
const char *psr_curriculum_get_teaching_methods   (PsrCurriculum *self);
const char *psr_curriculum_get_evaluation_methods (PsrCurriculum *self);
const char *psr_curriculum_get_access_terms       (PsrCurriculum *self);
const char *psr_curriculum_get_access_delay       (PsrCurriculum *self);
/* In cents of euro; -1 when no price is set (the course sheet then says
 * "on request"). */
gint64      psr_curriculum_get_price_cents        (PsrCurriculum *self);
const char *psr_curriculum_get_contact            (PsrCurriculum *self);
const char *psr_curriculum_get_accessibility      (PsrCurriculum *self);
const char *psr_curriculum_get_language           (PsrCurriculum *self);
guint       psr_curriculum_get_n_modules          (PsrCurriculum *self);
/* The sum of the durations of the modules. */
double      psr_curriculum_get_modules_hours      (PsrCurriculum *self);

/* "Draft", "Published" or "Archived", translated. */
const char *psr_curriculum_status_label           (const char    *status);

G_END_DECLS
