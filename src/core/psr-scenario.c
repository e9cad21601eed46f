/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-scenario.h"

/* The integer columns that may be NULL. */
typedef enum
{
  BOUND_AGE_MIN,
  BOUND_AGE_MAX,
  BOUND_GROUP_MIN,
  BOUND_GROUP_MAX,
  N_BOUNDS
} Bound;

/* A mediation scenario: the design of an activity with the public. */
struct _PsrScenario
{
  PsrRecord parent_instance;

  char     *format;
  char     *venue;
  char     *status;
  guint     duration_minutes;
  int       bounds[N_BOUNDS];  /* -1 for NULL */
  /* By PsrScenarioField; the title is the record's own. */
  char     *texts[PSR_SCENARIO_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (PsrScenario, psr_scenario, PSR_TYPE_RECORD)

enum {
  PROP_0,
  PROP_FORMAT,
  PROP_VENUE,
  PROP_STATUS,
  PROP_DURATION_MINUTES,
  /* Then one property per bound, in the order of Bound, and one per text
   * field but the title, in the order of PsrScenarioField. */
  PROP_FIRST_BOUND,
  PROP_FIRST_TEXT = PROP_FIRST_BOUND + N_BOUNDS,
  N_PROPS = PROP_FIRST_TEXT + PSR_SCENARIO_N_FIELDS - 1
};

#define TEXT_PROP(field) (PROP_FIRST_TEXT + (field) - 1)

static GParamSpec *properties[N_PROPS];

static const char * const bound_properties[N_BOUNDS] = {
  [BOUND_AGE_MIN] = "age-min",
  [BOUND_AGE_MAX] = "age-max",
  [BOUND_GROUP_MIN] = "group-min",
  [BOUND_GROUP_MAX] = "group-max",
};

static const char * const text_properties[PSR_SCENARIO_N_FIELDS] = {
  [PSR_SCENARIO_FIELD_THEME] = "theme",
  [PSR_SCENARIO_FIELD_OBJECTIVES] = "objectives",
  [PSR_SCENARIO_FIELD_MATERIALS] = "materials",
  [PSR_SCENARIO_FIELD_ROOM_LAYOUT] = "room-layout",
  [PSR_SCENARIO_FIELD_MEDIATOR_STANCE] = "mediator-stance",
  [PSR_SCENARIO_FIELD_ACCESSIBILITY] = "accessibility",
  [PSR_SCENARIO_FIELD_DIFFICULT_SITUATIONS] = "difficult-situations",
  [PSR_SCENARIO_FIELD_SAFETY] = "safety",
  [PSR_SCENARIO_FIELD_EVALUATION] = "evaluation",
  [PSR_SCENARIO_FIELD_SOURCES] = "sources",
  [PSR_SCENARIO_FIELD_AUTHOR] = "author",
  [PSR_SCENARIO_FIELD_LANGUAGE] = "language",
};

/* The columns of select_sql after the record's own, in this order: the
 * bounds in the order of Bound, then the text columns in the order of
 * PsrScenarioField from the theme on. */
#define FIRST_BOUND_COLUMN 9
#define FIRST_TEXT_COLUMN  (FIRST_BOUND_COLUMN + N_BOUNDS)

static void
psr_scenario_load (PsrRecord    *record,
                   sqlite3_stmt *stmt)
{
  PsrScenario *self = PSR_SCENARIO (record);

  self->format = psr_record_column_text (stmt, 5);
  self->venue = psr_record_column_text (stmt, 6);
  self->status = psr_record_column_text (stmt, 7);
  self->duration_minutes = sqlite3_column_int (stmt, 8);

  for (guint i = 0; i < N_BOUNDS; i++)
    self->bounds[i] = sqlite3_column_type (stmt, FIRST_BOUND_COLUMN + i) == SQLITE_NULL
                      ? -1 : sqlite3_column_int (stmt, FIRST_BOUND_COLUMN + i);

  for (guint field = PSR_SCENARIO_FIELD_THEME; field < PSR_SCENARIO_N_FIELDS; field++)
    self->texts[field] = psr_record_column_text (stmt, FIRST_TEXT_COLUMN + field - 1);
}

static void
psr_scenario_finalize (GObject *object)
{
  PsrScenario *self = (PsrScenario *)object;

  g_free (self->format);
  g_free (self->venue);
  g_free (self->status);
  for (guint field = 0; field < PSR_SCENARIO_N_FIELDS; field++)
    g_free (self->texts[field]);

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
    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;

    case PROP_VENUE:
      g_value_set_string (value, self->venue);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_DURATION_MINUTES:
      g_value_set_uint (value, self->duration_minutes);
      break;

    default:
      if (prop_id >= PROP_FIRST_BOUND && prop_id < PROP_FIRST_TEXT)
        g_value_set_int (value, self->bounds[prop_id - PROP_FIRST_BOUND]);
      else if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
        g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT + 1]);
      else
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
    "SELECT id, uuid, created_at, updated_at, title, format, venue, status, duration_minutes,"
    " age_min, age_max, group_min, group_max,"
    " theme, objectives, materials, room_layout, mediator_stance, accessibility,"
    " difficult_situations, safety, evaluation, sources, author, language"
    " FROM scenarios WHERE id = ?1";
  record_class->list_sql = "SELECT id FROM scenarios ORDER BY title COLLATE NOCASE, id";
  record_class->titles_sql = "SELECT uuid, title FROM scenarios ORDER BY title COLLATE NOCASE, id";
  record_class->find_sql = "SELECT id FROM scenarios WHERE uuid = ?1";
  record_class->load = psr_scenario_load;

  properties[PROP_FORMAT] =
    g_param_spec_string ("format", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VENUE] =
    g_param_spec_string ("venue", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION_MINUTES] =
    g_param_spec_uint ("duration-minutes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  for (guint i = 0; i < N_BOUNDS; i++)
    properties[PROP_FIRST_BOUND + i] =
      g_param_spec_int (bound_properties[i], NULL, NULL, -1, G_MAXINT, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  for (guint field = PSR_SCENARIO_FIELD_THEME; field < PSR_SCENARIO_N_FIELDS; field++)
    properties[TEXT_PROP (field)] =
      g_param_spec_string (text_properties[field], NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psr_scenario_init (PsrScenario *self)
{
  for (guint i = 0; i < N_BOUNDS; i++)
    self->bounds[i] = -1;
}

const char *
psr_scenario_get_text (PsrScenario      *self,
                       PsrScenarioField  field)
{
  g_return_val_if_fail (PSR_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (field < PSR_SCENARIO_N_FIELDS, NULL);

  if (field == PSR_SCENARIO_FIELD_TITLE)
    return psr_record_get_title (PSR_RECORD (self));

  return self->texts[field];
}

static int
get_bound (PsrScenario *self,
           Bound        bound)
{
  g_return_val_if_fail (PSR_IS_SCENARIO (self), -1);
  return self->bounds[bound];
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

int
psr_scenario_get_age_min (PsrScenario *self)
{
  return get_bound (self, BOUND_AGE_MIN);
}

int
psr_scenario_get_age_max (PsrScenario *self)
{
  return get_bound (self, BOUND_AGE_MAX);
}

int
psr_scenario_get_group_min (PsrScenario *self)
{
  return get_bound (self, BOUND_GROUP_MIN);
}

int
psr_scenario_get_group_max (PsrScenario *self)
{
  return get_bound (self, BOUND_GROUP_MAX);
}

/* The getters of the text fields, one per field. */
#define TEXT_GETTER(name, FIELD)                                    \
  const char *                                                      \
  psr_scenario_get_##name (PsrScenario *self)                       \
  {                                                                 \
    return psr_scenario_get_text (self, PSR_SCENARIO_FIELD_##FIELD); \
  }

TEXT_GETTER (theme, THEME)
TEXT_GETTER (language, LANGUAGE)
TEXT_GETTER (objectives, OBJECTIVES)
TEXT_GETTER (materials, MATERIALS)
TEXT_GETTER (room_layout, ROOM_LAYOUT)
TEXT_GETTER (mediator_stance, MEDIATOR_STANCE)
TEXT_GETTER (accessibility, ACCESSIBILITY)
TEXT_GETTER (difficult_situations, DIFFICULT_SITUATIONS)
TEXT_GETTER (safety, SAFETY)
TEXT_GETTER (evaluation, EVALUATION)
TEXT_GETTER (sources, SOURCES)
TEXT_GETTER (author, AUTHOR)

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
