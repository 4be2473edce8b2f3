# Runs one libFuzzer target for SECONDS seconds, starting from the seed
# corpus (never writing into the source tree).
file(MAKE_DIRECTORY ${WORK})
if(NOT EXISTS ${SEEDS})
  message(FATAL_ERROR "missing seed corpus ${SEEDS}")
endif()
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
          -artifact_prefix=${WORK}/ ${WORK} ${SEEDS}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fuzzer ${FUZZER} failed (exit ${rc}); crash input saved under ${WORK}")
endif()
