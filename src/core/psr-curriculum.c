/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-curriculum.h"

/* One version of a curriculum; versions of the same curriculum share a
 * lineage UUID. */
struct _PsrCurriculum
{
  PsrRecord parent_instance;

  char     *lineage_uuid;
  gint64    framework_id;
  guint     version;
  char     *status;
  char     *modality;
  double    duration_hours;
  gint64    price_cents;
  guint     n_modules;
  double    modules_hours;
  /* By PsrCurriculumField; the title is the record's own. */
  char     *texts[PSR_CURRICULUM_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (PsrCurriculum, psr_curriculum, PSR_TYPE_RECORD)

enum {
  PROP_0,
  PROP_LINEAGE_UUID,
  PROP_FRAMEWORK_ID,
  PROP_VERSION,
  PROP_STATUS,
  PROP_MODALITY,
  PROP_DURATION_HOURS,
  PROP_PRICE_CENTS,
  PROP_N_MODULES,
  PROP_MODULES_HOURS,
  /* Then one property per text field but the title, in the order of
   * PsrCurriculumField. */
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + PSR_CURRICULUM_N_FIELDS - 1
};

#define TEXT_PROP(field) (PROP_FIRST_TEXT + (field) - 1)

static GParamSpec *properties[N_PROPS];

static const char * const text_properties[PSR_CURRICULUM_N_FIELDS] = {
  [PSR_CURRICULUM_FIELD_SUMMARY] = "summary",
  [PSR_CURRICULUM_FIELD_AUDIENCE] = "audience",
  [PSR_CURRICULUM_FIELD_PREREQUISITES] = "prerequisites",
  [PSR_CURRICULUM_FIELD_TEACHING_METHODS] = "teaching-methods",
  [PSR_CURRICULUM_FIELD_EVALUATION_METHODS] = "evaluation-methods",
  [PSR_CURRICULUM_FIELD_ACCESS_TERMS] = "access-terms",
  [PSR_CURRICULUM_FIELD_ACCESS_DELAY] = "access-delay",
  [PSR_CURRICULUM_FIELD_CONTACT] = "contact",
  [PSR_CURRICULUM_FIELD_ACCESSIBILITY] = "accessibility",
  [PSR_CURRICULUM_FIELD_LANGUAGE] = "language",
};

/* The text columns of select_sql start here, in the order of
 * PsrCurriculumField from the summary on. */
#define FIRST_TEXT_COLUMN 14

static void
psr_curriculum_load (PsrRecord    *record,
                     sqlite3_stmt *stmt)
{
  PsrCurriculum *self = PSR_CURRICULUM (record);

  self->lineage_uuid = psr_record_column_text (stmt, 5);
  self->framework_id = sqlite3_column_int64 (stmt, 6);
  self->version = sqlite3_column_int (stmt, 7);
  self->status = psr_record_column_text (stmt, 8);
  self->modality = psr_record_column_text (stmt, 9);
  self->duration_hours = sqlite3_column_double (stmt, 10);
  self->price_cents = sqlite3_column_type (stmt, 11) == SQLITE_NULL
                      ? -1 : sqlite3_column_int64 (stmt, 11);
  self->n_modules = sqlite3_column_int (stmt, 12);
  self->modules_hours = sqlite3_column_double (stmt, 13);

  for (guint field = PSR_CURRICULUM_FIELD_SUMMARY; field < PSR_CURRICULUM_N_FIELDS; field++)
    self->texts[field] = psr_record_column_text (stmt, FIRST_TEXT_COLUMN + field - 1);
}

static void
psr_curriculum_finalize (GObject *object)
{
  PsrCurriculum *self = (PsrCurriculum *)object;

  g_free (self->lineage_uuid);
  g_free (self->status);
  g_free (self->modality);
  for (guint field = 0; field < PSR_CURRICULUM_N_FIELDS; field++)
    g_free (self->texts[field]);

  G_OBJECT_CLASS (psr_curriculum_parent_class)->finalize (object);
}

static void
psr_curriculum_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PsrCurriculum *self = PSR_CURRICULUM (object);

  switch (prop_id)
    {
    case PROP_LINEAGE_UUID:
      g_value_set_string (value, self->lineage_uuid);
      break;

    case PROP_FRAMEWORK_ID:
      g_value_set_int64 (value, self->framework_id);
      break;

    case PROP_VERSION:
      g_value_set_uint (value, self->version);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_MODALITY:
      g_value_set_string (value, self->modality);
      break;

    case PROP_DURATION_HOURS:
      g_value_set_double (value, self->duration_hours);
      break;

    case PROP_PRICE_CENTS:
      g_value_set_int64 (value, self->price_cents);
      break;

    case PROP_N_MODULES:
      g_value_set_uint (value, self->n_modules);
      break;

    case PROP_MODULES_HOURS:
      g_value_set_double (value, self->modules_hours);
      break;

    default:
      if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
        g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT + 1]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psr_curriculum_class_init (PsrCurriculumClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsrRecordClass *record_class = PSR_RECORD_CLASS (klass);

  object_class->finalize = psr_curriculum_finalize;
  object_class->get_property = psr_curriculum_get_property;

  record_class->kind = "curriculum";
  record_class->select_sql =
    "SELECT id, uuid, created_at, updated_at, title, lineage_uuid, framework_id, version, status,"
    " modality, duration_hours, price_cents,"
    " (SELECT count(*) FROM modules m WHERE m.curriculum_id = curricula.id),"
    " (SELECT total(m.duration_hours) FROM modules m WHERE m.curriculum_id = curricula.id),"
    " summary, audience, prerequisites, teaching_methods, evaluation_methods, access_terms,"
    " access_delay, contact, accessibility, language"
    " FROM curricula WHERE id = ?1";
  record_class->list_sql =
    "SELECT id FROM curricula ORDER BY title COLLATE NOCASE, version DESC";
  record_class->titles_sql =
    "SELECT uuid, title FROM curricula ORDER BY title COLLATE NOCASE, version DESC";
  record_class->find_sql = "SELECT id FROM curricula WHERE uuid = ?1";
  record_class->load = psr_curriculum_load;

  properties[PROP_LINEAGE_UUID] =
    g_param_spec_string ("lineage-uuid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRAMEWORK_ID] =
    g_param_spec_int64 ("framework-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_uint ("version", NULL, NULL, 0, G_MAXUINT, 1,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODALITY] =
    g_param_spec_string ("modality", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION_HOURS] =
    g_param_spec_double ("duration-hours", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRICE_CENTS] =
    g_param_spec_int64 ("price-cents", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MODULES] =
    g_param_spec_uint ("n-modules", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODULES_HOURS] =
    g_param_spec_double ("modules-hours", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  for (guint field = PSR_CURRICULUM_FIELD_SUMMARY; field < PSR_CURRICULUM_N_FIELDS; field++)
    properties[TEXT_PROP (field)] =
      g_param_spec_string (text_properties[field], NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psr_curriculum_init (PsrCurriculum *self)
{
  self->price_cents = -1;
}

const char *
psr_curriculum_get_text (PsrCurriculum      *self,
                         PsrCurriculumField  field)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), NULL);
  g_return_val_if_fail (field < PSR_CURRICULUM_N_FIELDS, NULL);

  if (field == PSR_CURRICULUM_FIELD_TITLE)
    return psr_record_get_title (PSR_RECORD (self));

  return self->texts[field];
}

const char *
psr_curriculum_get_lineage_uuid (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), NULL);
  return self->lineage_uuid;
}

gint64
psr_curriculum_get_framework_id (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), 0);
  return self->framework_id;
}

guint
psr_curriculum_get_version (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), 0);
  return self->version;
}

const char *
psr_curriculum_get_status (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), NULL);
  return self->status;
}

const char *
psr_curriculum_get_summary (PsrCurriculum *self)
{
  return psr_curriculum_get_text (self, PSR_CURRICULUM_FIELD_SUMMARY);
}

const char *
psr_curriculum_get_audience (PsrCurriculum *self)
{
  return psr_curriculum_get_text (self, PSR_CURRICULUM_FIELD_AUDIENCE);
}

const char *
psr_curriculum_get_prerequisites (PsrCurriculum *self)
{
  return psr_curriculum_get_text (self, PSR_CURRICULUM_FIELD_PREREQUISITES);
}

const char *
psr_curriculum_get_modality (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), NULL);
  return self->modality;
}

double
psr_curriculum_get_duration_hours (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), 0);
  return self->duration_hours;
}

const char *
psr_curriculum_get_teaching_methods (PsrCurriculum *self)
{
  return psr_curriculum_get_text (self, PSR_CURRICULUM_FIELD_TEACHING_METHODS);
}

const char *
psr_curriculum_get_evaluation_methods (PsrCurriculum *self)
{
  return psr_curriculum_get_text (self, PSR_CURRICULUM_FIELD_EVALUATION_METHODS);
}

const char *
psr_curriculum_get_access_terms (PsrCurriculum *self)
{
  return psr_curriculum_get_text (self, PSR_CURRICULUM_FIELD_ACCESS_TERMS);
}

const char *
psr_curriculum_get_access_delay (PsrCurriculum *self)
{
  return psr_curriculum_get_text (self, PSR_CURRICULUM_FIELD_ACCESS_DELAY);
}

gint64
psr_curriculum_get_price_cents (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), -1);
  return self->price_cents;
}

const char *
psr_curriculum_get_contact (PsrCurriculum *self)
{
  return psr_curriculum_get_text (self, PSR_CURRICULUM_FIELD_CONTACT);
}

const char *
psr_curriculum_get_accessibility (PsrCurriculum *self)
{
  return psr_curriculum_get_text (self, PSR_CURRICULUM_FIELD_ACCESSIBILITY);
}

const char *
psr_curriculum_get_language (PsrCurriculum *self)
{
  return psr_curriculum_get_text (self, PSR_CURRICULUM_FIELD_LANGUAGE);
}

guint
psr_curriculum_get_n_modules (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), 0);
  return self->n_modules;
}

double
psr_curriculum_get_modules_hours (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), 0);
  return self->modules_hours;
}

const char *
psr_curriculum_status_label (const char *status)
{
  if (g_strcmp0 (status, "published") == 0)
    return C_("curriculum status", "Published");
  if (g_strcmp0 (status, "archived") == 0)
    return C_("curriculum status", "Archived");
  return C_("curriculum status", "Draft");
}
