// The `notwork` commands. Each takes the arguments after its name and returns an exit code.
#pragma once

namespace notwork::cli {

int run_score(int argc, char** argv, int first);
int run_audit(int argc, char** argv, int first);
int run_explain(int argc, char** argv, int first);
int run_rules(int argc, char** argv, int first);
int run_validate_config(int argc, char** argv, int first);
int run_default_config(int argc, char** argv, int first);

}  // namespace notwork::cli
