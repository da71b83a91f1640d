// Helpers shared by the commands: input files, --config, messages, stdout.
#pragma once

#include <string>

#include "args.h"
#include "notwork/api.h"
#include "notwork/formats.h"

namespace notwork::cli {

using Json = formats::Json;

void error(const std::string& message);  // "notwork: <message>" on stderr
void note(const std::string& message);   // same, for information

// Reads a whole file, or stdin for "-". Returns "" or the problem ("No such file or directory").
std::string read_input(const std::string& path, std::string& out);
std::string input_name(const std::string& path);  // "<stdin>" for "-"

// Applies `--config FILE` (when given) to `session`. Returns kExitOk, or prints the
// problems (each with its JSON path) and returns kExitBadUsage.
int apply_config(const Args& args, Session& session);

// Prints the "errors" of a {"ok","errors":[{"path","message"}]} answer, one per line.
void print_config_errors(const Json& answer);

// Thresholds in effect: the catalogue's defaults overridden by `--config`'s "thresholds".
Json effective_thresholds(const Args& args);

// Parses JSON that the core produced (always valid; throws std::runtime_error otherwise).
Json parse_core(const std::string& text);

void write_out(const std::string& text);  // to stdout, unbuffered by iostreams

// Options every command accepts (besides --help).
inline const OptionSpec kConfigOption{"config", true};

}  // namespace notwork::cli
