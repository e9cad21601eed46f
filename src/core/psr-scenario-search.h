/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"

G_BEGIN_DECLS

/**
 * PsrScenarioQuery:
 * @text: words typed in the search entry, or NULL/empty for every scenario
 * @audience: an audience code of the schema ("families"…), or NULL for any
 * @format: a format code ("workshop"…), or NULL for any
 * @venue: a venue code ("exhibition"…), or NULL for any
 * @min_minutes: shortest duration, 0 for no bound
 * @max_minutes: longest duration, 0 for no bound
 * @competency_id: a competency the scenario exercises, 0 for any
 * @language: a language code ("fr"), or NULL for any
 * @sort: the order of the results
 *
 * What the scenario library is asked for.
 */
typedef enum
{
  PSR_SCENARIO_SORT_RELEVANCE,
  PSR_SCENARIO_SORT_TITLE,
  PSR_SCENARIO_SORT_DURATION,
  PSR_SCENARIO_SORT_UPDATED,
} PsrScenarioSort;

typedef struct
{
  const char      *text;
  const char      *audience;
  const char      *format;
  const char      *venue;
  guint            min_minutes;
  guint            max_minutes;
  gint64           competency_id;
  const char      *language;
  PsrScenarioSort  sort;
} PsrScenarioQuery;

/* The matching scenarios as a GListModel of PsrScenario, built lazily as
 * a list view shows them: one indexed query for the ids, whatever the size
 * of the library. Text search ignores case and accents, matches word
 * prefixes ("volc" finds "volcans") and ranks by relevance (bm25). */
GListModel *psr_scenario_search (PsrDatabase             *db,
                                 const PsrScenarioQuery  *query,
                                 GError                 **error);

G_END_DECLS
