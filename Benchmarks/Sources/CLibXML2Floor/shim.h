#ifndef LANDSCAPE_CLIBXML2_FLOOR_SHIM_H
#define LANDSCAPE_CLIBXML2_FLOOR_SHIM_H

// Only the reader API: the floor measures libxml2 itself. ICU hidden as in Sources/CLibXML2.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#endif
