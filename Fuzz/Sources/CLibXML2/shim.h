// libxml2 from Debian's libxml2-dev: the HTML target's independent XML parser.
#include <libxml/parser.h>
#include <libxml/tree.h>
