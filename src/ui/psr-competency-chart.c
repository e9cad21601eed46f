/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-competency-chart.h"
#include "psr-progress.h"

/* A trainee's competencies before and after a session: one row per
 * competency, its name, then two bars on the levels of the scale, the
 * position before dim and the position after in the accent colour. The
 * bars grow from the start of the reading direction. */
struct _PsrCompetencyChart
{
  GtkWidget  parent_instance;

  GPtrArray *competencies;
};

G_DEFINE_FINAL_TYPE (PsrCompetencyChart, psr_competency_chart, GTK_TYPE_WIDGET)

#define ROW_HEIGHT   44
#define LABEL_HEIGHT 18
#define BAR_HEIGHT   8
#define BAR_GAP      3

static PangoLayout *
create_label (PsrCompetencyChart         *self,
              const PsrTraineeCompetency *competency,
              int                         width)
{
  g_autofree char *text = *competency->code != '\0'
                            ? g_strdup_printf ("%s %s", competency->code, competency->title)
                            : g_strdup (competency->title);
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static void
append_bar (GtkSnapshot   *snapshot,
            gboolean       rtl,
            int            width,
            int            y,
            int            value,
            guint          n_levels,
            const GdkRGBA *color)
{
  double length;
  GskRoundedRect bar;

  if (value < 0 || n_levels == 0)
    return;

  /* Level 0 still shows a stub: "rated, lowest level" is not "not rated". */
  length = MAX (4.0, width * (value + 1) / (double) n_levels);
  gsk_rounded_rect_init_from_rect (&bar,
                                   &GRAPHENE_RECT_INIT (rtl ? width - length : 0, y, length,
                                                        BAR_HEIGHT),
                                   BAR_HEIGHT / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &bar);
  gtk_snapshot_append_color (snapshot, color, &bar.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
psr_competency_chart_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  PsrCompetencyChart *self = PSR_COMPETENCY_CHART (widget);
  int width = gtk_widget_get_width (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GdkRGBA ink, accent, track;

  if (self->competencies == NULL)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  track = ink;
  track.alpha = 0.08;
  accent = (GdkRGBA) { 0.21, 0.52, 0.89, 1.0 };
  gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color",
                                  &accent);

  for (guint i = 0; i < self->competencies->len; i++)
    {
      const PsrTraineeCompetency *competency = g_ptr_array_index (self->competencies, i);
      g_autoptr(PangoLayout) layout = create_label (self, competency, width);
      int y = i * ROW_HEIGHT;
      GdkRGBA before = ink;

      before.alpha = 0.35;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y));
      gtk_snapshot_append_layout (snapshot, layout, &ink);
      gtk_snapshot_restore (snapshot);

      append_bar (snapshot, rtl, width, y + LABEL_HEIGHT + 2, (int) competency->n_levels - 1,
                  competency->n_levels, &track);
      append_bar (snapshot, rtl, width, y + LABEL_HEIGHT + 2, competency->before,
                  competency->n_levels, &before);
      append_bar (snapshot, rtl, width, y + LABEL_HEIGHT + 2 + BAR_HEIGHT + BAR_GAP,
                  (int) competency->n_levels - 1, competency->n_levels, &track);
      append_bar (snapshot, rtl, width, y + LABEL_HEIGHT + 2 + BAR_HEIGHT + BAR_GAP,
                  competency->after, competency->n_levels, &accent);
    }
}

static void
psr_competency_chart_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  PsrCompetencyChart *self = PSR_COMPETENCY_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 400;
    }
  else
    *minimum = *natural = self->competencies != NULL ? self->competencies->len * ROW_HEIGHT : 0;
}

/* Screen readers get the chart as text: one sentence per competency. */
static void
update_description (PsrCompetencyChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; self->competencies != NULL && i < self->competencies->len; i++)
    {
      const PsrTraineeCompetency *competency = g_ptr_array_index (self->competencies, i);

      /* Translators: a competency of the before/after chart, read by screen
       * readers: its title, then the levels before and after, counted from
       * 1, out of the levels of the scale; 0 means not rated. */
      g_string_append_printf (text, _("%s: level %d before, %d after, out of %u. "),
                              competency->title, competency->before + 1, competency->after + 1,
                              competency->n_levels);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->str, -1);
}

static void
psr_competency_chart_finalize (GObject *object)
{
  PsrCompetencyChart *self = (PsrCompetencyChart *)object;

  g_clear_pointer (&self->competencies, g_ptr_array_unref);

  G_OBJECT_CLASS (psr_competency_chart_parent_class)->finalize (object);
}

static void
psr_competency_chart_class_init (PsrCompetencyChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = psr_competency_chart_finalize;
  widget_class->snapshot = psr_competency_chart_snapshot;
  widget_class->measure = psr_competency_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "competencychart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
psr_competency_chart_init (PsrCompetencyChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Competencies before and after training"), -1);
}

GtkWidget *
psr_competency_chart_new (void)
{
  return g_object_new (PSR_TYPE_COMPETENCY_CHART, NULL);
}

void
psr_competency_chart_set_ratings (PsrCompetencyChart *self,
                                  GPtrArray          *competencies)
{
  g_return_if_fail (PSR_IS_COMPETENCY_CHART (self));

  g_clear_pointer (&self->competencies, g_ptr_array_unref);
  if (competencies != NULL)
    self->competencies = g_ptr_array_ref (competencies);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
