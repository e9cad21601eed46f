/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"

G_BEGIN_DECLS

/*
 * The store of people: trainees and trainers (people marked as trainers).
 * The lists and the search are psr_planning_search_people() (psr-planning.h)
 * and PsrPerson (psr-person.h).
 *
 * Every function that changes something is one transaction that marks the
 * person as changed: it is done whole, or it fails with a translated
 * GError of the PSR_ERROR domain that says what to do, and nothing changes.
 *
 * Errors: PSR_ERROR_NOT_FOUND when the person no longer exists,
 * PSR_ERROR_INVALID for a bad value (no name, an email that is not one, an
 * email another person has, an unknown language), PSR_ERROR_CONSTRAINT
 * when a deletion is refused, and the other codes of the store.
 */

/**
 * PsrPersonField:
 * @PSR_PERSON_FIELD_GIVEN_NAME: given name
 * @PSR_PERSON_FIELD_FAMILY_NAME: family name; a person needs a given or a
 *   family name that is not blank
 * @PSR_PERSON_FIELD_EMAIL: empty, or an address of the form name@domain.tld,
 *   no other person's (ignoring case)
 * @PSR_PERSON_FIELD_PHONE: any text
 * @PSR_PERSON_FIELD_ORGANISATION: any text
 * @PSR_PERSON_FIELD_JOB: any text
 * @PSR_PERSON_FIELD_COUNTRY: any text
 * @PSR_PERSON_FIELD_LANGUAGE: a code of psr_languages(), the preferred
 *   language; never empty
 * @PSR_PERSON_FIELD_NOTES: any text, several lines
 *
 * The text fields of a person. Every value is stored stripped of spaces
 * around it (the notes keep their inner lines).
 */
typedef enum
{
  PSR_PERSON_FIELD_GIVEN_NAME,
  PSR_PERSON_FIELD_FAMILY_NAME,
  PSR_PERSON_FIELD_EMAIL,
  PSR_PERSON_FIELD_PHONE,
  PSR_PERSON_FIELD_ORGANISATION,
  PSR_PERSON_FIELD_JOB,
  PSR_PERSON_FIELD_COUNTRY,
  PSR_PERSON_FIELD_LANGUAGE,
  PSR_PERSON_FIELD_NOTES,
  PSR_PERSON_N_FIELDS,
} PsrPersonField;

/* The translated name of a field, to show: "Given name", "Email"… */
const char *psr_person_field_label      (PsrPersonField   field);

/* TRUE when @email (stripped) looks like an address: one @, something
 * before it, a domain with a dot after it, no spaces. Loose on purpose:
 * it catches typing mistakes, not every invalid address. */
gboolean    psr_person_email_is_valid   (const char      *email);

/* A trainee, preferring French, with no email. @given_name and
 * @family_name (either may be NULL) are stripped; at least one must not be
 * blank. Returns the id, 0 on error. */
gint64      psr_person_create           (PsrDatabase     *db,
                                         const char      *given_name,
                                         const char      *family_name,
                                         GError         **error);

/* Sets one field; NULL is empty. An email already used by another person
 * is refused with a message naming that person. */
gboolean    psr_person_set_field        (PsrDatabase     *db,
                                         gint64           id,
                                         PsrPersonField   field,
                                         const char      *value,
                                         GError         **error);

gboolean    psr_person_set_trainer      (PsrDatabase     *db,
                                         gint64           id,
                                         gboolean         is_trainer,
                                         GError         **error);

/* Accessibility needs are health data, recorded only with the person's
 * consent: calling this with text that is not blank records that the
 * person consented now (the date of consent is the current time, each time
 * the needs change). NULL or blank text clears the needs and the date of
 * consent together. */
gboolean    psr_person_set_accessibility_needs (PsrDatabase  *db,
                                                gint64        id,
                                                const char   *needs,
                                                GError      **error);

/* With what is only theirs: enrollments, attendance, progress, rehearsal
 * runs, positionings, attachments. Refused with PSR_ERROR_CONSTRAINT while
 * the person is a trainer of a session or has signed a slot: those records
 * must stay; erase their personal data instead (psr-privacy.h). */
gboolean    psr_person_delete           (PsrDatabase     *db,
                                         gint64           id,
                                         GError         **error);

/* The id of the person with @email (ignoring case and spaces around it),
 * 0 when nobody has it or on error (then @error is set). */
gint64      psr_person_find_by_email    (PsrDatabase     *db,
                                         const char      *email,
                                         GError         **error);

/**
 * PsrPersonDetails:
 * @id: the row id
 * @uuid: for exchange and the command line
 * @given_name: may be empty
 * @family_name: may be empty (not both)
 * @display_name: "given family", to show
 * @email: empty when none
 * @phone: may be empty
 * @organisation: may be empty
 * @job: may be empty
 * @country: may be empty
 * @language: a code of psr_languages()
 * @is_trainer: TRUE for a trainer
 * @accessibility_needs: empty when none recorded
 * @accessibility_consent_at: when the person consented to record their
 *   needs, NULL when none are recorded
 * @notes: may be empty
 * @created_at: when the person was added
 * @updated_at: when the person last changed
 * @n_enrollments: the sessions they are enrolled in, waiting, cancelled or
 *   no-show included
 * @n_sessions_trained: the sessions they are a trainer of
 * @n_signatures: the slots they signed (as trainee or trainer)
 *
 * A person, as their page shows them.
 */
typedef struct
{
  gint64     id;
  char      *uuid;
  char      *given_name;
  char      *family_name;
  char      *display_name;
  char      *email;
  char      *phone;
  char      *organisation;
  char      *job;
  char      *country;
  char      *language;
  gboolean   is_trainer;
  char      *accessibility_needs;
  GDateTime *accessibility_consent_at;
  char      *notes;
  GDateTime *created_at;
  GDateTime *updated_at;
  guint      n_enrollments;
  guint      n_sessions_trained;
  guint      n_signatures;
} PsrPersonDetails;

#define PSR_TYPE_PERSON_DETAILS (psr_person_details_get_type ())

GType             psr_person_details_get_type (void) G_GNUC_CONST;
PsrPersonDetails *psr_person_details_copy     (const PsrPersonDetails *details);
void              psr_person_details_free     (PsrPersonDetails       *details);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrPersonDetails, psr_person_details_free)

/* NULL on error. */
PsrPersonDetails *psr_person_get_details (PsrDatabase  *db,
                                          gint64        id,
                                          GError      **error);

G_END_DECLS
