/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-curricula.h"
#include "psr-database.h"

G_BEGIN_DECLS

/*
 * The branching rehearsal of a scenario: situations (a visitor says or does
 * something) with the choices offered to the trainee, each with its
 * feedback and the node it leads to, and endings with a debrief.
 *
 * Every function that changes something is one transaction that marks the
 * scenario as changed: it is done whole, or it fails with a translated
 * GError of the PSR_ERROR domain that says what to do, and nothing changes.
 *
 * Errors: PSR_ERROR_NOT_FOUND when the row no longer exists,
 * PSR_ERROR_INVALID for a bad value (a blank or taken name, a blank choice,
 * a target in another scenario, an ending as the start), and the other
 * codes of the store.
 *
 * The nodes of a scenario, and the choices of a node, keep the positions
 * 0 … n-1, without gaps, after every change. At most one node is the start,
 * always a situation.
 */

/**
 * PsrRehearsalKind:
 * @PSR_REHEARSAL_SITUATION: something happens; the trainee chooses
 * @PSR_REHEARSAL_ENDING: the end of a path, with its debrief
 */
typedef enum
{
  PSR_REHEARSAL_SITUATION,
  PSR_REHEARSAL_ENDING,
} PsrRehearsalKind;

/**
 * PsrRehearsalNode:
 * @id: the row id, for the functions below
 * @uuid: what a recorded path refers to
 * @name: unique in the scenario, what choices lead to
 * @kind: a situation or an ending
 * @is_start: whether the rehearsal starts here
 * @text: what happens, for the trainee to read
 * @debrief: what to remember, for endings
 * @position: from 0, in the order the author gave
 *
 * A situation or an ending of a rehearsal.
 */
typedef struct
{
  gint64            id;
  char             *uuid;
  char             *name;
  PsrRehearsalKind  kind;
  gboolean          is_start;
  char             *text;
  char             *debrief;
  guint             position;
} PsrRehearsalNode;

#define PSR_TYPE_REHEARSAL_NODE (psr_rehearsal_node_get_type ())

GType             psr_rehearsal_node_get_type (void) G_GNUC_CONST;
PsrRehearsalNode *psr_rehearsal_node_copy     (const PsrRehearsalNode *node);
void              psr_rehearsal_node_free     (PsrRehearsalNode       *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrRehearsalNode, psr_rehearsal_node_free)

/**
 * PsrRehearsalChoice:
 * @id: the row id, for the functions below
 * @uuid: what a recorded path refers to
 * @position: from 0, in the order of the node
 * @text: what the trainee may do or say
 * @feedback: shown once the trainee chose it
 * @target_id: the node it leads to, or 0 when it leads nowhere (not chosen
 *   yet, or removed)
 *
 * A choice offered in a situation.
 */
typedef struct
{
  gint64  id;
  char   *uuid;
  guint   position;
  char   *text;
  char   *feedback;
  gint64  target_id;
} PsrRehearsalChoice;

#define PSR_TYPE_REHEARSAL_CHOICE (psr_rehearsal_choice_get_type ())

GType               psr_rehearsal_choice_get_type (void) G_GNUC_CONST;
PsrRehearsalChoice *psr_rehearsal_choice_copy     (const PsrRehearsalChoice *choice);
void                psr_rehearsal_choice_free     (PsrRehearsalChoice       *choice);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrRehearsalChoice, psr_rehearsal_choice_free)

/* Nodes ---------------------------------------------------------------------- */

/* The nodes of a scenario in their order, as PsrRehearsalNode (the array
 * frees them); empty when it has no rehearsal; NULL on error. */
GPtrArray        *psr_rehearsal_list_nodes     (PsrDatabase       *db,
                                                gint64             scenario_id,
                                                GError           **error);
PsrRehearsalNode *psr_rehearsal_get_node       (PsrDatabase       *db,
                                                gint64             node_id,
                                                GError           **error);
/* Appended, with an empty text. The name may not be blank nor taken by
 * another node of the scenario, nor hold [ ] | -> <- (a Twine link could
 * not name it); it is stripped of spaces around it. A situation added to a
 * rehearsal without a start becomes the start. Returns its id, 0 on
 * error. */
gint64            psr_rehearsal_node_add       (PsrDatabase       *db,
                                                gint64             scenario_id,
                                                PsrRehearsalKind   kind,
                                                const char        *name,
                                                GError           **error);
/* The name as for psr_rehearsal_node_add(); the texts may be NULL for
 * empty. */
gboolean          psr_rehearsal_node_set       (PsrDatabase       *db,
                                                gint64             node_id,
                                                const char        *name,
                                                const char        *text,
                                                const char        *debrief,
                                                GError           **error);
/* A situation becomes an ending, or the other way round; its choices stay.
 * The start stays a situation. */
gboolean          psr_rehearsal_node_set_kind  (PsrDatabase       *db,
                                                gint64             node_id,
                                                PsrRehearsalKind   kind,
                                                GError           **error);
/* Only a situation can be the start; the former start no longer is. */
gboolean          psr_rehearsal_node_set_start (PsrDatabase       *db,
                                                gint64             node_id,
                                                GError           **error);
/* With its choices. The choices leading to it then lead nowhere, and
 * removing the start leaves the rehearsal without one, until the author
 * chooses another: psr_rehearsal_check() says so. */
gboolean          psr_rehearsal_node_remove    (PsrDatabase       *db,
                                                gint64             node_id,
                                                GError           **error);
/* A position past the end moves it last. */
gboolean          psr_rehearsal_node_move      (PsrDatabase       *db,
                                                gint64             node_id,
                                                guint              new_position,
                                                GError           **error);

/* Choices -------------------------------------------------------------------- */

/* The choices of a node in their order, as PsrRehearsalChoice (the array
 * frees them); NULL on error. */
GPtrArray        *psr_rehearsal_list_choices   (PsrDatabase       *db,
                                                gint64             node_id,
                                                GError           **error);
/* Appended, without feedback. The text may not be blank (it is stripped of
 * spaces around it); @target_id is a node of the same scenario, or 0 for
 * none yet. Returns its id, 0 on error. */
gint64            psr_rehearsal_choice_add     (PsrDatabase       *db,
                                                gint64             node_id,
                                                const char        *text,
                                                gint64             target_id,
                                                GError           **error);
/* As psr_rehearsal_choice_add(); @feedback may be NULL for empty. */
gboolean          psr_rehearsal_choice_set     (PsrDatabase       *db,
                                                gint64             choice_id,
                                                const char        *text,
                                                const char        *feedback,
                                                gint64             target_id,
                                                GError           **error);
gboolean          psr_rehearsal_choice_remove  (PsrDatabase       *db,
                                                gint64             choice_id,
                                                GError           **error);
/* A position past the end moves it last. */
gboolean          psr_rehearsal_choice_move    (PsrDatabase       *db,
                                                gint64             choice_id,
                                                guint              new_position,
                                                GError           **error);

/* Checks --------------------------------------------------------------------- */

/* The remarks on a rehearsal, as PsrCheck (the array frees them): no start,
 * nodes the start cannot lead to, situations without a choice, choices
 * leading nowhere (warnings), then endings without a debrief (info). Empty
 * when all is well or the scenario has no rehearsal; NULL on error. */
GPtrArray        *psr_rehearsal_check          (PsrDatabase       *db,
                                                gint64             scenario_id,
                                                GError           **error);

/* Playing -------------------------------------------------------------------- */

/* Where the rehearsal starts; PSR_ERROR_NOT_FOUND when it has no start. */
PsrRehearsalNode *psr_rehearsal_get_start      (PsrDatabase       *db,
                                                gint64             scenario_id,
                                                GError           **error);

/**
 * PsrRehearsalPath:
 *
 * The way a trainee went through a rehearsal, as the rehearsal runs of a
 * trainee keep it: a JSON array of objects {"node": UUID, "choice": UUID},
 * one per choice made, in order, then {"node": UUID, "choice": null} for
 * the ending reached.
 */
typedef struct _PsrRehearsalPath PsrRehearsalPath;

#define PSR_TYPE_REHEARSAL_PATH (psr_rehearsal_path_get_type ())

GType             psr_rehearsal_path_get_type  (void) G_GNUC_CONST;
PsrRehearsalPath *psr_rehearsal_path_new       (void);
PsrRehearsalPath *psr_rehearsal_path_copy      (const PsrRehearsalPath *path);
void              psr_rehearsal_path_free      (PsrRehearsalPath       *path);
/* A choice made in the situation @node_uuid, or with @choice_uuid NULL the
 * ending reached. */
void              psr_rehearsal_path_add       (PsrRehearsalPath       *path,
                                                const char             *node_uuid,
                                                const char             *choice_uuid);
/* The number of steps added. */
guint             psr_rehearsal_path_get_length (const PsrRehearsalPath *path);
void              psr_rehearsal_path_clear     (PsrRehearsalPath       *path);
/* The JSON text of the path, compact. */
char             *psr_rehearsal_path_to_json   (const PsrRehearsalPath *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrRehearsalPath, psr_rehearsal_path_free)

G_END_DECLS
