// The five libxml2 functions FuzzSupport.readXML calls (Debian's libxml2-dev links them), declared here rather than
// through <libxml/parser.h>: that header pulls in the system's ICU headers, which clash with the copy of ICU that
// Foundation brings into the same Swift module. Opaque documents and nodes; the signatures are libxml2's stable API.
typedef unsigned char xmlChar;
typedef struct _xmlDoc *xmlDocPtr;
typedef struct _xmlNode *xmlNodePtr;

enum { XML_PARSE_NOERROR = 1 << 5, XML_PARSE_NOWARNING = 1 << 6, XML_PARSE_NONET = 1 << 11 };

xmlDocPtr xmlReadMemory(const char *buffer, int size, const char *URL, const char *encoding, int options);
xmlNodePtr xmlDocGetRootElement(const struct _xmlDoc *doc);
void xmlFreeDoc(xmlDocPtr doc);
xmlChar *xmlNodeGetContent(const struct _xmlNode *node);
xmlChar *xmlGetProp(const struct _xmlNode *node, const xmlChar *name);
