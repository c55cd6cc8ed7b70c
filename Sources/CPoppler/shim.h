/* poppler's GLib interface (PDF text and page rendering) and cairo, to render a scanned page for
   character recognition. */
#include <poppler.h>
#include <cairo.h>
