/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-scenario.h"

/* A mediation scenario: the design of an activity with the public. */
struct _PsrScenario
{
  PsrRecord parent_instance;

  char     *theme;
  char     *format;
  char     *venue;
  char     *language;
  char     *status;
  guint     duration_minutes;
};

G_DEFINE_FINAL_TYPE (PsrScenario, psr_scenario, PSR_TYPE_RECORD)

enum {
  PROP_0,
  PROP_THEME,
  PROP_FORMAT,
  PROP_VENUE,
  PROP_LANGUAGE,
  PROP_STATUS,
  PROP_DURATION_MINUTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
psr_scenario_load (PsrRecord    *record,
                   sqlite3_stmt *stmt)
{
  PsrScenario *self = PSR_SCENARIO (record);

  self->theme = psr_record_column_text (stmt, 5);
  self->format = psr_record_column_text (stmt, 6);
  self->venue = psr_record_column_text (stmt, 7);
  self->language = psr_record_column_text (stmt, 8);
  self->status = psr_record_column_text (stmt, 9);
  self->duration_minutes = sqlite3_column_int (stmt, 10);
}

static void
psr_scenario_finalize (GObject *object)
{
  PsrScenario *self = (PsrScenario *)object;

  g_free (self->theme);
  g_free (self->format);
  g_free (self->venue);
  g_free (self->language);
  g_free (self->status);

  G_OBJECT_CLASS (psr_scenario_parent_class)->finalize (object);
}

static void
psr_scenario_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PsrScenario *self = PSR_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_THEME:
      g_value_set_string (value, self->theme);
      break;

    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;

    case PROP_VENUE:
      g_value_set_string (value, self->venue);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_DURATION_MINUTES:
      g_value_set_uint (value, self->duration_minutes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psr_scenario_class_init (PsrScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsrRecordClass *record_class = PSR_RECORD_CLASS (klass);

  object_class->finalize = psr_scenario_finalize;
  object_class->get_property = psr_scenario_get_property;

  record_class->kind = "scenario";
  record_class->select_sql =
    "SELECT id, uuid, created_at, updated_at, title, theme, format, venue, language, status,"
    " duration_minutes FROM scenarios WHERE id = ?1";
  record_class->list_sql = "SELECT id FROM scenarios ORDER BY title COLLATE NOCASE, id";
  record_class->titles_sql = "SELECT uuid, title FROM scenarios ORDER BY title COLLATE NOCASE, id";
  record_class->find_sql = "SELECT id FROM scenarios WHERE uuid = ?1";
  record_class->load = psr_scenario_load;

  properties[PROP_THEME] =
    g_param_spec_string ("theme", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMAT] =
    g_param_spec_string ("format", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VENUE] =
    g_param_spec_string ("venue", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION_MINUTES] =
    g_param_spec_uint ("duration-minutes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psr_scenario_init (PsrScenario *self)
{
}

const char *
psr_scenario_get_theme (PsrScenario *self)
{
  g_return_val_if_fail (PSR_IS_SCENARIO (self), NULL);
  return self->theme;
}

const char *
psr_scenario_get_format (PsrScenario *self)
{
  g_return_val_if_fail (PSR_IS_SCENARIO (self), NULL);
  return self->format;
}

const char *
psr_scenario_get_venue (PsrScenario *self)
{
  g_return_val_if_fail (PSR_IS_SCENARIO (self), NULL);
  return self->venue;
}

const char *
psr_scenario_get_language (PsrScenario *self)
{
  g_return_val_if_fail (PSR_IS_SCENARIO (self), NULL);
  return self->language;
}

const char *
psr_scenario_get_status (PsrScenario *self)
{
  g_return_val_if_fail (PSR_IS_SCENARIO (self), NULL);
  return self->status;
}

guint
psr_scenario_get_duration_minutes (PsrScenario *self)
{
  g_return_val_if_fail (PSR_IS_SCENARIO (self), 0);
  return self->duration_minutes;
}

typedef struct
{
  const char *code;
  const char *label;
} Label;

static const Label formats[] = {
  { "workshop", NC_("scenario format", "Workshop") },
  { "guided-visit", NC_("scenario format", "Guided visit") },
  { "demonstration", NC_("scenario format", "Demonstration") },
  { "debate", NC_("scenario format", "Debate") },
  { "stand", NC_("scenario format", "Stand") },
  { "show", NC_("scenario format", "Show") },
  { "game", NC_("scenario format", "Game") },
  { "other", NC_("scenario format", "Other format") },
};

static const Label venues[] = {
  { "exhibition", NC_("scenario venue", "Exhibition floor") },
  { "workshop-room", NC_("scenario venue", "Lab or workshop room") },
  { "classroom", NC_("scenario venue", "Classroom") },
  { "outdoor", NC_("scenario venue", "Outdoors") },
  { "online", NC_("scenario venue", "Online") },
  { "other", NC_("scenario venue", "Other venue") },
};

static const Label audiences[] = {
  { "school-primary", NC_("scenario audience", "Primary school groups") },
  { "school-middle", NC_("scenario audience", "Middle school groups") },
  { "school-high", NC_("scenario audience", "High school groups") },
  { "families", NC_("scenario audience", "Families") },
  { "teenagers", NC_("scenario audience", "Teenagers") },
  { "adults", NC_("scenario audience", "Adults") },
  { "seniors", NC_("scenario audience", "Seniors") },
  { "disabilities", NC_("scenario audience", "People with disabilities") },
  { "non-native", NC_("scenario audience", "Non-native speakers") },
  { "professionals", NC_("scenario audience", "Professionals") },
};

static const char *
find_label (const Label *labels,
            guint        n_labels,
            const char  *context,
            const char  *code)
{
  for (guint i = 0; i < n_labels; i++)
    if (g_strcmp0 (labels[i].code, code) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, context, labels[i].label);

  return code;
}

static const char * const *
codes_of (const Label *labels,
          guint        n_labels,
          const char **codes)
{
  if (codes[0] == NULL)
    for (guint i = 0; i < n_labels; i++)
      codes[i] = labels[i].code;

  return codes;
}

const char * const *
psr_scenario_formats (void)
{
  static const char *codes[G_N_ELEMENTS (formats) + 1];

  return codes_of (formats, G_N_ELEMENTS (formats), codes);
}

const char * const *
psr_scenario_venues (void)
{
  static const char *codes[G_N_ELEMENTS (venues) + 1];

  return codes_of (venues, G_N_ELEMENTS (venues), codes);
}

const char * const *
psr_scenario_audiences (void)
{
  static const char *codes[G_N_ELEMENTS (audiences) + 1];

  return codes_of (audiences, G_N_ELEMENTS (audiences), codes);
}

const char *
psr_scenario_format_label (const char *format)
{
  return find_label (formats, G_N_ELEMENTS (formats), "scenario format", format);
}

const char *
psr_scenario_venue_label (const char *venue)
{
  return find_label (venues, G_N_ELEMENTS (venues), "scenario venue", venue);
}

const char *
psr_scenario_audience_label (const char *audience)
{
  return find_label (audiences, G_N_ELEMENTS (audiences), "scenario audience", audience);
}
