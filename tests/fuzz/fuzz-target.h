/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* The entry point of every fuzz target, as libFuzzer calls it; fuzz-main.c
 * calls it too, once per file of a seed corpus. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
