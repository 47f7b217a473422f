#ifndef LANDSCAPE_CLIBXML2_SHIM_H
#define LANDSCAPE_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU; exposing ICU's headers next to Foundation's
// copy of ICU makes clean builds fail ("'UErrorCode' has different definitions").
// Nothing here needs libxml2's ICU API, so hide it before the other headers.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <zlib.h>

// xmlFree is a global function pointer variable; Swift 6 treats it as unsafe
// shared state, so call it through a function.
static inline void landscape_xml_free(void *pointer) {
    if (pointer != NULL) { xmlFree(pointer); }
}

#endif
