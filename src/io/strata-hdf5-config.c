/* strata-hdf5-config.c: prints the model_config attribute of the HDF5 file on standard input. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The only program of Strata's that links libhdf5, run by the Keras
 * reader once for each .h5 file (strata-import-keras-files.c). libhdf5 is
 * not made to withstand hostile files: a crafted one can make it crash,
 * loop for ever or allocate without end. Here that ends this process
 * alone, which limits itself before it reads a byte and which the reader
 * kills after a timeout; the reader turns what happened into its message.
 *
 *   strata-hdf5-config < model.h5
 *
 * Standard input is a regular file or a sealed memfd holding the image,
 * mapped read-only. On success the attribute's text goes to standard
 * output and the status is 0. When the file is read but refused, one
 * word saying why goes to standard output and the status is 3 (other
 * statuses are those of the sanitizers, which say 1 and 23): not-hdf5,
 * no-model-config, not-a-string, damaged, empty or too-large. Status 2
 * is a usage error, said on standard error. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hdf5.h>
#include <hdf5_hl.h>

/* docs/limits.md: a model config is at most 64 MiB. */
#define MAX_CONFIG_SIZE (64 * 1024 * 1024)
/* What libhdf5 may allocate beyond the program itself and the mapped
 * image: a 64 MiB config is read through a global heap of its size and
 * copied once or twice, and a sanitizer build pads every allocation. */
#define MEMORY_MARGIN (1024L * 1024 * 1024)
/* Processor time, as a last resort: the reader kills this program after
 * 10 s of wall-clock time, but one left behind by a reader that was
 * itself killed must end too. */
#define CPU_SECONDS 12
#define STATUS_REFUSED 3
#define STATUS_USAGE 2

static int
refuse (const char *reason)
{
  printf ("%s\n", reason);
  return fflush (stdout) == 0 ? STATUS_REFUSED : STATUS_USAGE;
}

/* The size of this program's address space now, in bytes, or 0. */
static unsigned long long
address_space (void)
{
  FILE *statm = fopen ("/proc/self/statm", "r");
  unsigned long long pages = 0;

  if (statm == NULL)
    return 0;
  if (fscanf (statm, "%llu", &pages) != 1)
    pages = 0;
  fclose (statm);
  return pages * (unsigned long long) sysconf (_SC_PAGESIZE);
}

/* No core dump (it would hold the file), bounded processor time, and an
 * address space of what the program has now plus the image and a
 * margin. The limit is counted from the program's own size rather than
 * set before exec because a sanitizer build reserves terabytes of
 * address space for its shadow memory at start-up: a fixed limit would
 * stop it from starting, while this one bounds what libhdf5 adds. */
static int
limit_resources (off_t image_size)
{
  struct rlimit core = { 0, 0 };
  struct rlimit cpu = { CPU_SECONDS, CPU_SECONDS + 1 };
  unsigned long long now = address_space ();
  struct rlimit memory;

  if (now == 0)
    return -1;
  memory.rlim_cur = memory.rlim_max = now + (unsigned long long) image_size + MEMORY_MARGIN;
  if (setrlimit (RLIMIT_CORE, &core) < 0 || setrlimit (RLIMIT_CPU, &cpu) < 0 ||
      setrlimit (RLIMIT_AS, &memory) < 0)
    return -1;
  return 0;
}

static int
write_config (const char *text,
              size_t      length)
{
  if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
    return STATUS_USAGE;
  return 0;
}

/* The root's model_config, a scalar string attribute of fixed or
 * variable length: the status to exit with. */
static int
print_model_config (hid_t file)
{
  hid_t attribute = H5I_INVALID_HID, type = H5I_INVALID_HID, memory_type = H5I_INVALID_HID;
  hid_t space = H5I_INVALID_HID;
  int status;

  if (H5Aexists (file, "model_config") <= 0)
    return refuse ("no-model-config");
  memory_type = H5Tcopy (H5T_C_S1);
  /* libhdf5 converts no text between character sets: h5py writes UTF-8. */
  if ((attribute = H5Aopen (file, "model_config", H5P_DEFAULT)) < 0 ||
      (type = H5Aget_type (attribute)) < 0 || (space = H5Aget_space (attribute)) < 0 ||
      H5Tget_class (type) != H5T_STRING || H5Sget_simple_extent_npoints (space) != 1 ||
      memory_type < 0 || H5Tset_cset (memory_type, H5Tget_cset (type)) < 0)
    status = refuse ("not-a-string");
  else if (H5Tis_variable_str (type) > 0)
    {
      char *text = NULL;

      if (H5Tset_size (memory_type, H5T_VARIABLE) < 0 ||
          H5Aread (attribute, memory_type, &text) < 0 || text == NULL)
        status = refuse ("damaged");
      else if (strnlen (text, MAX_CONFIG_SIZE + 1) > MAX_CONFIG_SIZE)
        status = refuse ("too-large");
      else
        status = write_config (text, strlen (text));
      if (text != NULL)
        H5free_memory (text);
    }
  else
    {
      size_t size = H5Tget_size (type);
      char *text = size == 0 || size > MAX_CONFIG_SIZE ? NULL : calloc (size + 1, 1);

      /* Null-padded, so that the last byte stays text: a null-terminated
       * type of the same size would give the terminator its place. */
      if (size == 0)
        status = refuse ("empty");
      else if (size > MAX_CONFIG_SIZE)
        status = refuse ("too-large");
      else if (text == NULL || H5Tset_size (memory_type, size) < 0 ||
               H5Tset_strpad (memory_type, H5T_STR_NULLPAD) < 0 ||
               H5Aread (attribute, memory_type, text) < 0)
        status = refuse ("damaged");
      else
        /* Padded with NULs or spaces; JSON ignores the spaces. */
        status = write_config (text, strnlen (text, size));
      free (text);
    }

  /* Closed, so that a sanitizer build sees nothing of ours left over. */
  if (memory_type >= 0)
    H5Tclose (memory_type);
  if (space >= 0)
    H5Sclose (space);
  if (type >= 0)
    H5Tclose (type);
  if (attribute >= 0)
    H5Aclose (attribute);
  return status;
}

int
main (int   argc,
      char *argv[])
{
  struct stat info;
  void *image;
  hid_t file;
  int status;

  if (argc != 1 || fstat (STDIN_FILENO, &info) < 0 || !S_ISREG (info.st_mode))
    {
      fprintf (stderr, "usage: %s < FILE.h5 (a regular file)\n", argv[0]);
      return STATUS_USAGE;
    }
  if (limit_resources (info.st_size) < 0)
    {
      fprintf (stderr, "%s: cannot limit its resources: %s\n", argv[0], strerror (errno));
      return STATUS_USAGE;
    }
  if (info.st_size == 0)
    return refuse ("not-hdf5");
  image = mmap (NULL, info.st_size, PROT_READ, MAP_PRIVATE, STDIN_FILENO, 0);
  if (image == MAP_FAILED)
    {
      fprintf (stderr, "%s: cannot map its input: %s\n", argv[0], strerror (errno));
      return STATUS_USAGE;
    }

  /* What went wrong is said once, by the reader: nothing of libhdf5's
   * own reaches standard error. */
  H5Eset_auto2 (H5E_DEFAULT, NULL, NULL);
  /* Read in place, read-only: libhdf5 never writes to the image, and
   * the weights are never read. */
  file = H5LTopen_file_image (image, info.st_size,
                              H5LT_FILE_IMAGE_DONT_COPY | H5LT_FILE_IMAGE_DONT_RELEASE);
  if (file < 0)
    return refuse ("not-hdf5");
  status = print_model_config (file);
  H5Fclose (file);
  return status;
}
