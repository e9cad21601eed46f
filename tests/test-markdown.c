/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <string.h>

#include "psr-markdown.h"

static gboolean
is_valid_markup (const char *markup)
{
  g_autofree char *wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);
  GMarkupParser parser = { 0 };
  GMarkupParseContext *context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  gboolean ok = g_markup_parse_context_parse (context, wrapped, -1, NULL)
                && g_markup_parse_context_end_parse (context, NULL);

  g_markup_parse_context_free (context);
  return ok;
}

static void
assert_markup (const char *markdown,
               const char *expected)
{
  g_autofree char *markup = psr_markdown_to_pango (markdown);

  g_assert_cmpstr (markup, ==, expected);
}

static void
test_blocks (void)
{
  assert_markup ("# Accueil", "<span size=\"large\" weight=\"bold\">Accueil</span>");
  assert_markup ("Un *mot* et **deux**.", "Un <i>mot</i> et <b>deux</b>.");
  assert_markup ("- un\n- deux", "•  un\n•  deux");
  assert_markup ("3. trois\n4. quatre", "3.  trois\n4.  quatre");
  assert_markup ("", "");
}

static void
test_escaping (void)
{
  const char *hostile[] = {
    "<b>gras</b> & <script>x</script>",
    "[lien](https://exemple.org/?a=1&b=\"2\")",
    "`<tt>` **<i>** *",
    "> > citation\n> - liste\n\n---\n\n```\n<code>\n```",
    "\xe2\x80\xae renversé",
  };

  assert_markup ("a < b & c", "a &lt; b &amp; c");
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *markup = psr_markdown_to_pango (hostile[i]);

      if (!is_valid_markup (markup))
        g_error ("Invalid markup for %s: %s", hostile[i], markup);
      g_assert_null (strstr (markup, "<script"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/blocks", test_blocks);
  g_test_add_func ("/markdown/escaping", test_escaping);

  return g_test_run ();
}
