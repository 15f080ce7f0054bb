# bx_require_header_version(NAME HEADER FLOOR MACRO...)
# Stop configuring unless HEADER gives NAME at version FLOOR or newer. The
# version is read from its #define lines: three integer macros (major,
# minor, patch) joined with dots, or one string macro ("1.1.4"). The
# message names the version found.
function(bx_require_header_version name header floor)
  set(parts)
  foreach(macro ${ARGN})
    file(STRINGS "${header}" line REGEX "^#[ \t]*define[ \t]+${macro}[ \t]")
    list(LENGTH line found)
    if(found EQUAL 0)
      message(FATAL_ERROR "budgetx needs ${name} ${floor} or newer: ${header} defines no ${macro}")
    endif()
    list(GET line 0 line)
    string(REGEX REPLACE "^#[ \t]*define[ \t]+${macro}[ \t]+\"?([0-9.]*).*$" "\\1" part "${line}")
    list(APPEND parts "${part}")
  endforeach()
  list(JOIN parts "." version)
  if(NOT version MATCHES "^[0-9]+(\\.[0-9]+)*$" OR version VERSION_LESS floor)
    message(FATAL_ERROR "budgetx needs ${name} ${floor} or newer; ${header} is ${name} ${version}")
  endif()
  message(STATUS "${name} ${version} (${header})")
endfunction()
