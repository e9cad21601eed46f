/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"

G_BEGIN_DECLS

/*
 * Satisfaction surveys and the published indicators (Qualiopi indicator
 * 2). docs/indicators.md defines every figure.
 *
 * The questionnaire is fixed, so that sessions, curricula and years
 * compare:
 *
 * End of session (PSR_SURVEY_END), answered on the last day:
 * - PSR_QUESTION_MODULE, once per module of the curriculum: rating 1–5
 *   and an optional comment;
 * - PSR_QUESTION_TRAINER, once per trainer of the session: rating 1–5 and
 *   an optional comment;
 * - PSR_QUESTION_ROOM: the room and the material conditions, rating 1–5;
 * - PSR_QUESTION_OVERALL: the training as a whole, rating 1–5;
 * - PSR_QUESTION_WORKED: what worked well, free text;
 * - PSR_QUESTION_IMPROVE: what to improve, free text.
 *
 * Follow-up (PSR_SURVEY_FOLLOW_UP), weeks after a session done:
 * - PSR_QUESTION_USED: "Have you used what you learned in your work?",
 *   rating 1–5 and free text.
 *
 * Ratings: 1 very dissatisfied (or "not at all") … 5 very satisfied (or
 * "very often"); 0 means not answered. A response holds any subset of the
 * questions of its survey.
 */

/**
 * PsrSurveyKind:
 * @PSR_SURVEY_END: at the end of the session ("hot" in the database)
 * @PSR_SURVEY_FOLLOW_UP: weeks later ("cold")
 */
typedef enum
{
  PSR_SURVEY_END,
  PSR_SURVEY_FOLLOW_UP,
} PsrSurveyKind;

typedef enum
{
  PSR_QUESTION_MODULE,
  PSR_QUESTION_TRAINER,
  PSR_QUESTION_ROOM,
  PSR_QUESTION_OVERALL,
  PSR_QUESTION_WORKED,
  PSR_QUESTION_IMPROVE,
  PSR_QUESTION_USED,
  PSR_N_QUESTIONS,
} PsrQuestion;

/* "hot", "cold" and back (-1 when unknown). */
const char    *psr_survey_kind_to_code    (PsrSurveyKind  kind);
int            psr_survey_kind_from_code  (const char    *code);
/* Translated: "End-of-session survey", "Follow-up survey". */
const char    *psr_survey_kind_label      (PsrSurveyKind  kind);

/* The codes stored in satisfaction_answers.question: "module", "trainer",
 * "room", "overall", "worked", "improve", "used"; and back (-1). */
const char    *psr_question_to_code       (PsrQuestion    question);
int            psr_question_from_code     (const char    *code);
/* The question as the trainee reads it, translated ("How satisfied are
 * you with this module?"…). */
const char    *psr_question_label         (PsrQuestion    question);
/* Whether the question takes a rating (1–5); the others take text only. */
gboolean       psr_question_is_rating     (PsrQuestion    question);
PsrSurveyKind  psr_question_get_survey    (PsrQuestion    question);

/**
 * PsrSurveyAnswer:
 * @question: the question
 * @subject_id: the module (PSR_QUESTION_MODULE) or the trainer
 *   (PSR_QUESTION_TRAINER) it is about; 0 for the other questions
 * @subject: the module's title or the trainer's name; empty otherwise
 * @rating: 1 … 5, 0 when not answered (always 0 for text questions)
 * @comment: free text, may be empty
 *
 * An answer, or a question to ask when empty.
 */
typedef struct
{
  PsrQuestion  question;
  gint64       subject_id;
  char        *subject;
  guint        rating;
  char        *comment;
} PsrSurveyAnswer;

#define PSR_TYPE_SURVEY_ANSWER (psr_survey_answer_get_type ())

GType            psr_survey_answer_get_type (void) G_GNUC_CONST;
PsrSurveyAnswer *psr_survey_answer_new      (PsrQuestion            question,
                                             gint64                 subject_id,
                                             guint                  rating,
                                             const char            *comment);
PsrSurveyAnswer *psr_survey_answer_copy     (const PsrSurveyAnswer *answer);
void             psr_survey_answer_free     (PsrSurveyAnswer       *answer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrSurveyAnswer, psr_survey_answer_free)

/* The questions of a session's survey, in the order above (modules by
 * position, trainers by name), as empty PsrSurveyAnswer (the array frees
 * them); NULL on error. */
GPtrArray *psr_survey_list_questions (PsrDatabase    *db,
                                      gint64          session_id,
                                      PsrSurveyKind   kind,
                                      GError        **error);

/* Records a trainee's response, replacing their previous one to the same
 * survey of the session. The trainee is enrolled in the session (status
 * enrolled); the end-of-session survey needs the session running or done,
 * the follow-up survey done. @answers are PsrSurveyAnswer, each a question
 * of psr_survey_list_questions() at most once, with a rating of 0 … 5 (0
 * for text questions) and UTF-8 text; answers with neither rating nor text
 * are left out. @submitted_at NULL is now. Returns the response's id, 0 on
 * error. */
gint64     psr_survey_record         (PsrDatabase      *db,
                                      gint64            session_id,
                                      gint64            person_id,
                                      PsrSurveyKind     kind,
                                      const GPtrArray  *answers,
                                      GDateTime        *submitted_at,
                                      GError          **error);
/* The trainee's answers, in the order of psr_survey_list_questions(), as
 * PsrSurveyAnswer (the array frees them); PSR_ERROR_NOT_FOUND when they
 * did not respond. */
GPtrArray *psr_survey_get_response   (PsrDatabase    *db,
                                      gint64          session_id,
                                      gint64          person_id,
                                      PsrSurveyKind   kind,
                                      GError        **error);

/**
 * PsrQuestionResult:
 * @question: the question
 * @subject_id: the module or trainer, 0 for the other questions
 * @subject: the module's title or the trainer's name, empty otherwise
 * @n_ratings: ratings given
 * @average: their average, 0 without ratings
 * @n_satisfied: ratings of 4 or 5
 * @comments: the non-empty comments (char *), oldest response first
 *
 * The answers to one question.
 */
typedef struct
{
  PsrQuestion  question;
  gint64       subject_id;
  char        *subject;
  guint        n_ratings;
  double       average;
  guint        n_satisfied;
  GPtrArray   *comments;
} PsrQuestionResult;

/**
 * PsrSurveyResults:
 * @kind: the survey
 * @n_sessions: the sessions counted
 * @n_trainees: their enrolled trainees (status enrolled, not no-shows),
 *   plus the anonymised enrollments of erased people: who was asked
 * @n_responses: the responses received
 * @response_rate: @n_responses / @n_trainees, from 0 to 1; -1 without
 *   trainees
 * @questions: a PsrQuestionResult per question and subject answered, in
 *   the order of the questionnaire (modules by position, trainers by
 *   name)
 *
 * The results of a survey over one or more sessions.
 */
typedef struct
{
  PsrSurveyKind  kind;
  guint          n_sessions;
  guint          n_trainees;
  guint          n_responses;
  double         response_rate;
  GPtrArray     *questions;
} PsrSurveyResults;

#define PSR_TYPE_SURVEY_RESULTS (psr_survey_results_get_type ())

GType             psr_survey_results_get_type (void) G_GNUC_CONST;
PsrSurveyResults *psr_survey_results_copy     (const PsrSurveyResults *results);
void              psr_survey_results_free     (PsrSurveyResults       *results);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrSurveyResults, psr_survey_results_free)

/* The results of one session, whatever its status. NULL on error. */
PsrSurveyResults *psr_survey_results_for_session    (PsrDatabase    *db,
                                                     gint64          session_id,
                                                     PsrSurveyKind   kind,
                                                     GError        **error);
/* Of the sessions done of every version of the curriculum (the lineage
 * of @curriculum_id). NULL on error. */
PsrSurveyResults *psr_survey_results_for_curriculum (PsrDatabase    *db,
                                                     gint64          curriculum_id,
                                                     PsrSurveyKind   kind,
                                                     GError        **error);
/* Of the sessions done whose last day falls in @year. NULL on error. */
PsrSurveyResults *psr_survey_results_for_year       (PsrDatabase    *db,
                                                     guint           year,
                                                     PsrSurveyKind   kind,
                                                     GError        **error);

/* Indicators ------------------------------------------------------------------- */

/* A trainee completed a session when they attended at least this
 * percentage of its slots. */
#define PSR_COMPLETION_PERCENT 80

/**
 * PsrIndicators:
 * @year: the calendar year
 * @n_sessions: sessions held: status done, last day in @year
 * @n_trainees: distinct people enrolled (status enrolled or no-show) in
 *   them, plus the anonymised enrollments of erased people
 * @n_enrollments: their enrollments (enrolled or no-show), plus the
 *   anonymised ones
 * @hours_delivered: the hours of the slots of the sessions held
 * @trainee_hours: the hours of slots each trainee attended (signed, or
 *   recorded present or late), added up
 * @n_completed: enrollments (enrolled or no-show, of people not erased,
 *   in sessions held with slots) whose trainee attended at least
 *   PSR_COMPLETION_PERCENT % of the session's slots (signed, or recorded
 *   present or late)
 * @completion_rate: @n_completed / those enrollments, from 0 to 1; -1
 *   when there are none
 * @n_overall_ratings: ratings of PSR_QUESTION_OVERALL in the
 *   end-of-session responses of the sessions held
 * @n_satisfied: those of 4 or 5
 * @satisfaction_rate: @n_satisfied / @n_overall_ratings, -1 without ratings
 * @satisfaction_average: the average overall rating, -1 without ratings
 * @n_responses: end-of-session responses
 * @response_rate: @n_responses / the enrollments with status enrolled
 *   (anonymised ones included), from 0 to 1; -1 when none
 * @n_follow_up: follow-up responses
 * @follow_up_average: the average rating of PSR_QUESTION_USED, -1 without
 *
 * The figures published for Qualiopi indicator 2.
 */
typedef struct
{
  guint  year;
  guint  n_sessions;
  guint  n_trainees;
  guint  n_enrollments;
  double hours_delivered;
  double trainee_hours;
  guint  n_completed;
  double completion_rate;
  guint  n_overall_ratings;
  guint  n_satisfied;
  double satisfaction_rate;
  double satisfaction_average;
  guint  n_responses;
  double response_rate;
  guint  n_follow_up;
  double follow_up_average;
} PsrIndicators;

/* Fills @indicators for @year (1970 … 9999). FALSE on error. */
gboolean    psr_indicators_compute (PsrDatabase    *db,
                                    guint           year,
                                    PsrIndicators  *indicators,
                                    GError        **error);
/* The indicators as "name<TAB>value" lines, values in the C locale: counts
 * as integers, hours with 1 decimal, rates as percentages with 1 decimal
 * and averages with 2, an empty value when undefined (-1). See
 * docs/indicators.md. */
char       *psr_indicators_to_text (const PsrIndicators *indicators);

/* The years in which sessions were held (status done, by their last day),
 * most recent first, as guint in a GArray; NULL on error. */
GArray     *psr_indicators_list_years    (PsrDatabase    *db,
                                          GError        **error);

/**
 * PsrHeldSession:
 * @session_id: the session
 * @title: its title, or its curriculum's when it has none
 * @curriculum_id: the version of the curriculum it follows
 * @curriculum: that version's title
 * @lineage: the lineage of the curriculum (its versions share it)
 * @starts_on: the first day
 * @ends_on: the last day
 *
 * A session held (status done), as counted by the indicators.
 */
typedef struct
{
  gint64  session_id;
  char   *title;
  gint64  curriculum_id;
  char   *curriculum;
  char   *lineage;
  GDate   starts_on;
  GDate   ends_on;
} PsrHeldSession;

void        psr_held_session_free        (PsrHeldSession *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrHeldSession, psr_held_session_free)

/* The sessions held in @year (1970 … 9999), by last day, as
 * PsrHeldSession (the array frees them); NULL on error. */
GPtrArray  *psr_indicators_list_sessions (PsrDatabase    *db,
                                          guint           year,
                                          GError        **error);

G_END_DECLS
