target_sources(rbcore PRIVATE
  diagnostics/Intro2Diagnosis.h diagnostics/Intro2Diagnosis.cpp
)
