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
#include <stdarg.h>
#include <stdio.h>

// xmlFree is a global function pointer variable; Swift 6 treats it as unsafe
// shared state, so call it through a function.
static inline void landscape_xml_free(void *pointer) {
    if (pointer != NULL) { xmlFree(pointer); }
}

// libxml2 prints some messages through its generic handler, straight to stderr
// ("xmlParseChunk: encoder error" before it halts a parser). A reader routes them
// to its error sink instead: the formatted message goes to a function XMLStream defines.
void landscape_xml_generic_error_report(void *context, const char *message);

static void landscape_xml_generic_error(void *context, const char *format, ...) {
    char message[512];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message, sizeof message, format, arguments);
    va_end(arguments);
    landscape_xml_generic_error_report(context, message);
}

// For the calling thread: generic messages go to `context` (a reader's sink);
// NULL restores libxml2's default.
static inline void landscape_xml_route_generic_errors(void *context) {
    if (context != NULL) {
        xmlSetGenericErrorFunc(context, landscape_xml_generic_error);
    } else {
        xmlSetGenericErrorFunc(NULL, NULL);
    }
}

#endif
