/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <cmark.h>
#include <string.h>

#include "psr-markdown.h"

/* Module contents are written in Markdown; labels show Pango markup. cmark
 * parses, and this walk writes the few constructs a course program uses.
 * Raw HTML is shown as text: nothing in the input becomes markup unless
 * Markdown made it so. */

typedef struct
{
  GString *out;
  GArray  *list_numbers; /* per open list: next number, or 0 for bullets */
  guint    quote_depth;
} Writer;

static void
append_escaped (Writer     *writer,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (writer->out, escaped);
}

static void
end_block (Writer *writer)
{
  if (writer->out->len > 0 && !g_str_has_suffix (writer->out->str, "\n\n"))
    g_string_append (writer->out, g_str_has_suffix (writer->out->str, "\n") ? "\n" : "\n\n");
}

static void
start_item (Writer *writer)
{
  guint *number = &g_array_index (writer->list_numbers, guint, writer->list_numbers->len - 1);

  for (guint i = 1; i < writer->list_numbers->len; i++)
    g_string_append (writer->out, "    ");

  if (*number == 0)
    g_string_append (writer->out, "•  ");
  else
    g_string_append_printf (writer->out, "%u.  ", (*number)++);
}

static void
enter (Writer     *writer,
       cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_HEADING:
      g_string_append (writer->out, cmark_node_get_heading_level (node) <= 2
                                      ? "<span size=\"large\" weight=\"bold\">"
                                      : "<b>");
      break;

    case CMARK_NODE_LIST:
      {
        guint first = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST
                        ? MAX (cmark_node_get_list_start (node), 1)
                        : 0;

        if (writer->list_numbers->len == 0)
          end_block (writer);
        g_array_append_val (writer->list_numbers, first);
      }
      break;

    case CMARK_NODE_ITEM:
      start_item (writer);
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      writer->quote_depth++;
      g_string_append (writer->out, "<i>");
      break;

    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE:
      append_escaped (writer, cmark_node_get_literal (node));
      break;

    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_CODE_BLOCK:
      g_string_append (writer->out, "<tt>");
      append_escaped (writer, cmark_node_get_literal (node));
      g_string_append (writer->out, "</tt>");
      end_block (writer);
      break;

    case CMARK_NODE_CODE:
      g_string_append (writer->out, "<tt>");
      append_escaped (writer, cmark_node_get_literal (node));
      g_string_append (writer->out, "</tt>");
      break;

    case CMARK_NODE_SOFTBREAK:
      g_string_append_c (writer->out, ' ');
      break;

    case CMARK_NODE_LINEBREAK:
      g_string_append_c (writer->out, '\n');
      break;

    case CMARK_NODE_EMPH:
      g_string_append (writer->out, "<i>");
      break;

    case CMARK_NODE_STRONG:
      g_string_append (writer->out, "<b>");
      break;

    case CMARK_NODE_LINK:
      {
        g_autofree char *url = g_markup_escape_text (cmark_node_get_url (node) != NULL
                                                       ? cmark_node_get_url (node) : "", -1);

        g_string_append_printf (writer->out, "<a href=\"%s\">", url);
      }
      break;

    case CMARK_NODE_THEMATIC_BREAK:
      end_block (writer);
      g_string_append (writer->out, "⸻");
      end_block (writer);
      break;

    default:
      break;
    }
}

static void
leave (Writer     *writer,
       cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_HEADING:
      g_string_append (writer->out, cmark_node_get_heading_level (node) <= 2 ? "</span>" : "</b>");
      end_block (writer);
      break;

    case CMARK_NODE_PARAGRAPH:
      /* Inside a list item, one line per item. */
      if (writer->list_numbers->len > 0)
        g_string_append_c (writer->out, '\n');
      else
        end_block (writer);
      break;

    case CMARK_NODE_LIST:
      g_array_set_size (writer->list_numbers, writer->list_numbers->len - 1);
      if (writer->list_numbers->len == 0)
        end_block (writer);
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      g_string_append (writer->out, "</i>");
      writer->quote_depth--;
      end_block (writer);
      break;

    case CMARK_NODE_EMPH:
      g_string_append (writer->out, "</i>");
      break;

    case CMARK_NODE_STRONG:
      g_string_append (writer->out, "</b>");
      break;

    case CMARK_NODE_LINK:
      g_string_append (writer->out, "</a>");
      break;

    default:
      break;
    }
}

/* Returns Pango markup, always valid, possibly empty. */
char *
psr_markdown_to_pango (const char *markdown)
{
  Writer writer = { g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (guint)), 0 };
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;

  g_return_val_if_fail (markdown != NULL, NULL);

  document = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER)
        enter (&writer, node);
      else if (event == CMARK_EVENT_EXIT)
        leave (&writer, node);
    }
  cmark_iter_free (iter);
  cmark_node_free (document);
  g_array_unref (writer.list_numbers);

  while (writer.out->len > 0 && writer.out->str[writer.out->len - 1] == '\n')
    g_string_truncate (writer.out, writer.out->len - 1);

  return g_string_free (writer.out, FALSE);
}
