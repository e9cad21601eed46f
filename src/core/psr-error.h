/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PSR_ERROR (psr_error_quark ())

/**
 * PsrError:
 * @PSR_ERROR_FAILED: anything not listed below
 * @PSR_ERROR_BUSY: the database is locked by another program
 * @PSR_ERROR_READ_ONLY: the database or its folder cannot be written
 * @PSR_ERROR_DISK_FULL: no space left to write
 * @PSR_ERROR_DAMAGED: the file is damaged or is not a Passerelle database
 * @PSR_ERROR_TOO_NEW: the database was written by a newer Passerelle
 * @PSR_ERROR_CANT_OPEN: the file or its folder cannot be opened or created
 * @PSR_ERROR_CONSTRAINT: a change breaks a rule of the data
 * @PSR_ERROR_NOT_FOUND: the record does not exist
 * @PSR_ERROR_INVALID: bad input from a file, a field or a command line
 *
 * Errors of the store, mapped from SQLite's codes into what a trainer can act on.
 */
typedef enum
{
  PSR_ERROR_FAILED,
  PSR_ERROR_BUSY,
  PSR_ERROR_READ_ONLY,
  PSR_ERROR_DISK_FULL,
  PSR_ERROR_DAMAGED,
  PSR_ERROR_TOO_NEW,
  PSR_ERROR_CANT_OPEN,
  PSR_ERROR_CONSTRAINT,
  PSR_ERROR_NOT_FOUND,
  PSR_ERROR_INVALID,
} PsrError;

GQuark psr_error_quark (void);

G_END_DECLS
