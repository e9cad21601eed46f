/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PsrDocumentInfo:
 * @organisation: the name of the training organisation
 * @referent_name: the name of the disability referent
 * @referent_contact: how to reach the disability referent
 *
 * What the documents Passerelle makes say about the organisation itself.
 * These are settings of the app, not data of the store: the caller fills
 * them in (the app from its GSettings, the command line from the same
 * schema when it is installed). Any member may be %NULL or empty.
 */
typedef struct
{
  const char *organisation;
  const char *referent_name;
  const char *referent_contact;
} PsrDocumentInfo;

G_END_DECLS
