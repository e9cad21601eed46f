/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "psr-database-private.h"

G_BEGIN_DECLS

/* A fresh folder per test, removed with everything in it at the end. */
char   *psr_test_make_dir      (void);
void    psr_test_remove_dir    (const char  *path);
char   *psr_test_file_checksum (const char  *path);
gint64  psr_test_query_int     (PsrDatabase *db,
                                const char  *sql);
void    psr_test_exec          (PsrDatabase *db,
                                const char  *sql);
char   *psr_test_content_checksum (PsrDatabase *db);

G_END_DECLS
