/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"

G_BEGIN_DECLS

/* Larger files are refused before they are read. */
#define PSR_PACKAGE_MAX_SIZE (100 * 1024 * 1024)

/* The version of the format this build writes, and the newest it reads. */
#define PSR_PACKAGE_VERSION 1

/**
 * PsrPackageChoice:
 * @PSR_PACKAGE_KEEP_LOCAL: a scenario changed on both sides keeps its local version
 * @PSR_PACKAGE_TAKE_INCOMING: a scenario changed on both sides takes the package's version
 *
 * What to do with the conflicts of a package.
 */
typedef enum
{
  PSR_PACKAGE_KEEP_LOCAL,
  PSR_PACKAGE_TAKE_INCOMING,
} PsrPackageChoice;

/**
 * PsrPackageConflict:
 * @uuid: the scenario's UUID
 * @local_title: its title here
 * @local_updated_at: when it was last changed here (ISO 8601, UTC)
 * @incoming_title: its title in the package
 * @incoming_updated_at: when the package's version was last changed
 *
 * A scenario changed both here and in the package, side by side.
 */
typedef struct
{
  char *uuid;
  char *local_title;
  char *local_updated_at;
  char *incoming_title;
  char *incoming_updated_at;
} PsrPackageConflict;

#define PSR_TYPE_PACKAGE_CONFLICT (psr_package_conflict_get_type ())
#define PSR_TYPE_PACKAGE_PLAN (psr_package_plan_get_type ())

typedef struct _PsrPackagePlan PsrPackagePlan;

GType               psr_package_conflict_get_type          (void) G_GNUC_CONST;
PsrPackageConflict *psr_package_conflict_copy              (const PsrPackageConflict *conflict);
void                psr_package_conflict_free              (PsrPackageConflict       *conflict);

GType               psr_package_plan_get_type              (void) G_GNUC_CONST;
PsrPackagePlan     *psr_package_plan_ref                   (PsrPackagePlan  *plan);
void                psr_package_plan_unref                 (PsrPackagePlan  *plan);
guint               psr_package_plan_get_n_new             (PsrPackagePlan  *plan);
guint               psr_package_plan_get_n_updates         (PsrPackagePlan  *plan);
guint               psr_package_plan_get_n_unchanged       (PsrPackagePlan  *plan);
guint               psr_package_plan_get_n_conflicts       (PsrPackagePlan  *plan);
guint               psr_package_plan_get_n_unmatched_competencies (PsrPackagePlan *plan);
GPtrArray          *psr_package_plan_get_conflicts         (PsrPackagePlan  *plan);

gint64              psr_package_find_scenario              (PsrDatabase     *db,
                                                            const char      *uuid,
                                                            GError         **error);
GBytes             *psr_package_load_file                  (GFile           *file,
                                                            GError         **error);
PsrPackagePlan     *psr_package_read                       (PsrDatabase     *db,
                                                            GBytes          *contents,
                                                            GError         **error);
gboolean            psr_package_apply                      (PsrDatabase     *db,
                                                            PsrPackagePlan  *plan,
                                                            PsrPackageChoice choice_for_conflicts,
                                                            GError         **error);
gboolean            psr_package_export                     (PsrDatabase     *db,
                                                            const gint64    *scenario_ids,
                                                            guint            n_ids,
                                                            GOutputStream   *output,
                                                            GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrPackageConflict, psr_package_conflict_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrPackagePlan, psr_package_plan_unref)

G_END_DECLS
