/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-sessions.h"
#include "psr-signature-pad.h"

/* Where a trainee or a trainer signs: with a pen, a finger or a mouse, on
 * a white area of fixed proportions, whatever the direction of the
 * language (a signature is a drawing, it is not mirrored). */
struct _PsrSignaturePad
{
  GtkWidget  parent_instance;

  GPtrArray *strokes;
  gboolean   drawing;
  double     start_x;
  double     start_y;
};

G_DEFINE_FINAL_TYPE (PsrSignaturePad, psr_signature_pad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EMPTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The signing area: the largest box of the pad's proportions, centred. */
static graphene_rect_t
get_area (PsrSignaturePad *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double area_width = MIN (width, height * PSR_SIGNATURE_PAD_ASPECT);
  double area_height = area_width / PSR_SIGNATURE_PAD_ASPECT;

  return GRAPHENE_RECT_INIT ((width - area_width) / 2, (height - area_height) / 2, area_width,
                             area_height);
}

static void
add_point (PsrSignaturePad *self,
           gboolean         new_stroke,
           double           x,
           double           y)
{
  graphene_rect_t area = get_area (self);
  gboolean was_empty = psr_signature_pad_is_empty (self);

  if (area.size.width <= 0 || area.size.height <= 0)
    return;

  psr_strokes_add_point (self->strokes, new_stroke,
                         CLAMP ((x - area.origin.x) / area.size.width, 0, 1),
                         CLAMP ((y - area.origin.y) / area.size.height, 0, 1));
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (was_empty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
}

static void
drag_begin_cb (PsrSignaturePad *self,
               double           x,
               double           y)
{
  self->drawing = TRUE;
  self->start_x = x;
  self->start_y = y;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  add_point (self, TRUE, x, y);
}

static void
drag_update_cb (PsrSignaturePad *self,
                double           offset_x,
                double           offset_y)
{
  if (self->drawing)
    add_point (self, FALSE, self->start_x + offset_x, self->start_y + offset_y);
}

static void
drag_end_cb (PsrSignaturePad *self,
             double           offset_x,
             double           offset_y)
{
  if (!self->drawing)
    return;

  add_point (self, FALSE, self->start_x + offset_x, self->start_y + offset_y);
  self->drawing = FALSE;
}

static void
psr_signature_pad_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  PsrSignaturePad *self = PSR_SIGNATURE_PAD (widget);
  graphene_rect_t area = get_area (self);
  GdkRGBA ink;
  cairo_t *cr;

  if (area.size.width <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  cr = gtk_snapshot_append_cairo (snapshot, &area);

  /* The line to sign on, a quarter from the bottom. */
  cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, area.origin.x + area.size.width * 0.05,
                 area.origin.y + area.size.height * 0.75 + 0.5);
  cairo_line_to (cr, area.origin.x + area.size.width * 0.95,
                 area.origin.y + area.size.height * 0.75 + 0.5);
  cairo_stroke (cr);

  cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, ink.alpha);
  cairo_set_line_width (cr, MAX (2.0, area.size.height / 60));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *points = g_ptr_array_index (self->strokes, i);

      for (guint j = 0; j < points->len; j++)
        {
          const PsrPoint *point = &g_array_index (points, PsrPoint, j);
          double x = area.origin.x + point->x * area.size.width;
          double y = area.origin.y + point->y * area.size.height;

          if (j == 0)
            {
              cairo_move_to (cr, x, y);
              /* A dot is a stroke too. */
              cairo_line_to (cr, x, y);
            }
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
psr_signature_pad_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  /* Wide enough for a signature at 360 px, and no wider than a hand
   * would write one. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 500;
    }
  else
    {
      *minimum = 96;
      *natural = for_size > 0 ? MAX (96, (int) (for_size / PSR_SIGNATURE_PAD_ASPECT)) : 200;
    }
}

static GtkSizeRequestMode
psr_signature_pad_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
psr_signature_pad_finalize (GObject *object)
{
  PsrSignaturePad *self = (PsrSignaturePad *)object;

  g_clear_pointer (&self->strokes, g_ptr_array_unref);

  G_OBJECT_CLASS (psr_signature_pad_parent_class)->finalize (object);
}

static void
psr_signature_pad_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PsrSignaturePad *self = PSR_SIGNATURE_PAD (object);

  switch (prop_id)
    {
    case PROP_EMPTY:
      g_value_set_boolean (value, psr_signature_pad_is_empty (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psr_signature_pad_class_init (PsrSignaturePadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = psr_signature_pad_finalize;
  object_class->get_property = psr_signature_pad_get_property;

  widget_class->snapshot = psr_signature_pad_snapshot;
  widget_class->measure = psr_signature_pad_measure;
  widget_class->get_request_mode = psr_signature_pad_get_request_mode;

  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "signaturepad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
psr_signature_pad_init (PsrSignaturePad *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->strokes = psr_strokes_new ();

  /* Pens, fingers and mice alike. */
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (drag), FALSE);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_direction (GTK_WIDGET (self), GTK_TEXT_DIR_LTR);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Signature area"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Sign here with a pen, a finger or the mouse"), -1);
}

GtkWidget *
psr_signature_pad_new (void)
{
  return g_object_new (PSR_TYPE_SIGNATURE_PAD, NULL);
}

GPtrArray *
psr_signature_pad_get_strokes (PsrSignaturePad *self)
{
  g_return_val_if_fail (PSR_IS_SIGNATURE_PAD (self), NULL);

  return self->strokes;
}

void
psr_signature_pad_set_strokes (PsrSignaturePad *self,
                               GPtrArray       *strokes)
{
  g_return_if_fail (PSR_IS_SIGNATURE_PAD (self));

  g_clear_pointer (&self->strokes, g_ptr_array_unref);
  self->strokes = strokes != NULL ? g_ptr_array_ref (strokes) : psr_strokes_new ();
  self->drawing = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
}

void
psr_signature_pad_clear (PsrSignaturePad *self)
{
  psr_signature_pad_set_strokes (self, NULL);
}

gboolean
psr_signature_pad_is_empty (PsrSignaturePad *self)
{
  g_return_val_if_fail (PSR_IS_SIGNATURE_PAD (self), TRUE);

  return self->strokes->len == 0;
}
