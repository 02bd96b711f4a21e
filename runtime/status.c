/* status.c: names and messages of par_status_t, from PAR__STATUS_TABLE. */
#include "internal.h"

#include "status.h"

const char *par__status_name(par_status_t status) {
  switch (status) {
#define PAR__STATUS_NAME(name, value, msg)                                                         \
  case name:                                                                                       \
    return #name;
    PAR__STATUS_TABLE(PAR__STATUS_NAME)
#undef PAR__STATUS_NAME
  }
  return "PAR_ERR_UNKNOWN";
}

const char *par__status_message(par_status_t status) {
  switch (status) {
#define PAR__STATUS_MSG(name, value, msg)                                                          \
  case name:                                                                                       \
    return msg;
    PAR__STATUS_TABLE(PAR__STATUS_MSG)
#undef PAR__STATUS_MSG
  }
  return "unknown status";
}
