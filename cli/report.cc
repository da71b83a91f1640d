#include "report.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace notwork::cli {

namespace {

constexpr const char* kLabels[] = {"autofeed", "pure_promo", "genuine_share", "conversation",
                                   "neutral"};

double number(const Json& v, double fallback = 0) { return v.is_number() ? v.get<double>() : fallback; }

std::string text_of(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "n/a";
  return formats::dump(v);
}

// A member as text ("" when absent), whatever its JSON type.
std::string field(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() ? std::string() : text_of(*it);
}

// 3 -> "3", 2.5 -> "2.5", 0.123 -> "0.12"
std::string short_number(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return std::to_string(static_cast<long long>(std::llround(v)));
  return fixed(v, std::fabs(v) < 10 ? 2 : 1);
}

std::string figure_value(const std::string& key, const Json& v) {
  if (v.is_null()) return "n/a";
  if (!v.is_number()) return text_of(v);
  double x = v.get<double>();
  if (key.find("share") != std::string::npos) return fixed(x * 100, 0) + "%";
  return short_number(x);
}

// "P12" -> 12, so that P2 sorts before P12; other names go last.
int principle_number(const std::string& id) {
  if (id.size() < 2 || id[0] != 'P') return 1000;
  int n = 0;
  for (std::size_t i = 1; i < id.size() && std::isdigit(static_cast<unsigned char>(id[i])); ++i) n = n * 10 + (id[i] - '0');
  return n;
}

std::string words(std::string key) {
  std::replace(key.begin(), key.end(), '_', ' ');
  return key;
}

std::string bar(double share, int width) {
  int n = static_cast<int>(std::lround(std::clamp(share, 0.0, 1.0) * width));
  std::string out;
  for (int i = 0; i < n; ++i) out += "#";
  return out;
}

}  // namespace

std::size_t display_width(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;  // count code points, not bytes
  return n;
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string s = buffer;
  return s == "-0" || s == "-0.00" || s == "-0.0" || s == "-0.000" ? s.substr(1) : s;
}

std::string signed_fixed(double value, int decimals) {
  std::string s = fixed(value, decimals);
  return s[0] == '-' ? s : "+" + s;
}

std::string Table::render(const std::string& indent) const {
  std::vector<std::size_t> widths;
  for (const auto& row : rows_)
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (widths.size() <= c) widths.resize(c + 1, 0);
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  std::string out;
  for (const auto& row : rows_) {
    std::string line = indent;
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::string pad(widths[c] - display_width(row[c]), ' ');
      bool right = c < right_.size() && right_[c];
      bool last = c + 1 == row.size();
      if (c > 0) line += "  ";
      line += right ? pad + row[c] : (last ? row[c] : row[c] + pad);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string format_audit(const Json& report, const std::string& who, const std::string& source) {
  std::string out;
  const double posts = number(report.value("posts", Json(0)));
  out += "Notwork audit of " + who + ": " + short_number(posts) + " posts (" + source + ")\n\n";
  out += "Overall score: " + short_number(number(report.value("score", Json(0)))) + "/100\n";

  if (auto b = report.value("breakdown", Json::array()); b.is_array() && !b.empty()) {
    out += "\nBreakdown\n";
    Table table({false, false, true, false});
    for (const auto& item : b) {
      if (!item.is_object()) continue;
      table.add({field(item, "principle"), field(item, "name"),
                 short_number(number(item.value("points", Json(0)))) + "/" +
                     short_number(number(item.value("max", Json(0)))),
                 field(item, "detail")});
    }
    out += table.render();
  }

  if (auto figures = report.value("figures", Json::object()); figures.is_object() && !figures.empty()) {
    out += "\nFigures\n";
    Table table({false, false});
    std::vector<std::pair<std::string, Json>> sorted;  // P1, P2, P8, P9, P12, P14
    for (const auto& [principle, values] : figures.items()) sorted.emplace_back(principle, values);
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
      return principle_number(a.first) < principle_number(b.first);
    });
    for (const auto& [principle, values] : sorted) {
      std::string line;
      if (values.is_object()) {
        for (const auto& [key, v] : values.items())
          line += (line.empty() ? "" : ", ") + words(key) + " " + figure_value(key, v);
      } else {
        line = text_of(values);
      }
      table.add({principle, line});
    }
    out += table.render();
  }

  if (auto mix = report.value("label_mix", Json::object()); mix.is_object() && !mix.empty()) {
    out += "\nLabel mix\n";
    double total = 0;
    for (const auto& [label, n] : mix.items()) total += number(n);
    Table table({false, true, true, false});
    auto row = [&](const std::string& label, const Json& n) {
      double share = total > 0 ? number(n) / total : 0;
      table.add({label, short_number(number(n)), fixed(share * 100, 0) + "%", bar(share, 30)});
    };
    for (const char* label : kLabels)
      if (mix.contains(label)) row(label, mix[label]);
    for (const auto& [label, n] : mix.items()) {
      const std::string& name = label;  // (a lambda may not capture a structured binding before C++20)
      if (std::none_of(std::begin(kLabels), std::end(kLabels), [&](const char* l) { return name == l; }))
        row(name, n);
    }
    out += table.render();
  }

  if (auto activity = report.value("activity", Json::array()); activity.is_array() && !activity.empty()) {
    const Json* busiest = nullptr;
    for (const auto& day : activity)
      if (day.is_object() && (!busiest || number(day.value("count", Json(0))) >
                                              number(busiest->value("count", Json(0)))))
        busiest = &day;
    out += "\nActivity: " + std::to_string(activity.size()) + " active days, " +
           text_of(activity.front().value("date", Json())) + " to " +
           text_of(activity.back().value("date", Json()));
    if (busiest)
      out += "; busiest " + text_of(busiest->value("date", Json())) + " (" +
             short_number(number(busiest->value("count", Json(0)))) + " posts)";
    out += "\n";
  }

  if (auto suggestions = report.value("suggestions", Json::array());
      suggestions.is_array() && !suggestions.empty()) {
    out += "\nSuggestions\n";
    int n = 0;
    for (const auto& s : suggestions) {
      if (!s.is_object()) continue;
      out += "  " + std::to_string(++n) + ". [" + field(s, "principle") + "] " + field(s, "text") + "\n";
    }
  }
  return out;
}

std::string format_explain(const Json& post, const Json& result, const Json& thresholds) {
  std::string out;
  std::string label = result.value("label", "neutral");
  std::string text = field(post, "text");
  if (display_width(text) > 200) {
    std::size_t cut = 0, seen = 0;
    for (; cut < text.size(); ++cut)
      if ((static_cast<unsigned char>(text[cut]) & 0xC0) != 0x80 && seen++ == 197) break;
    text = text.substr(0, cut) + "...";
  }
  std::replace(text.begin(), text.end(), '\n', ' ');
  out += "Post:   " + text + "\n";
  out += "Label:  " + label;
  if (label == "neutral") out += " (no label reached its threshold)";
  else if (thresholds.contains(label)) out += " (threshold " + fixed(number(thresholds[label]), 2) + ")";
  out += "\n\nScores\n";
  Table scores({false, true, false});
  const Json s = result.value("scores", Json::object());
  std::vector<std::string> names;
  for (const char* label : kLabels)
    if (s.contains(label)) names.push_back(label);
  for (const auto& [name, value] : s.items())
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  for (const auto& name : names) {
    const Json& value = s[name];
    std::string threshold = thresholds.contains(name) ? "threshold " + fixed(number(thresholds[name]), 2) : "";
    scores.add({name, fixed(number(value), 2), name == label ? threshold + "  <- label" : threshold});
  }
  out += scores.render();

  const Json reasons = result.value("reasons", Json::array());
  out += "\nReasons\n";
  if (reasons.empty()) {
    out += "  (no rule fired)\n";
    return out;
  }
  Table table({true, false, false, false, false});
  table.add({"contribution", "rule", "principle", "label", "detail"});
  for (const auto& r : reasons) {
    if (!r.is_object()) continue;
    table.add({signed_fixed(number(r.value("contribution", Json(0))), 3), field(r, "rule"),
               field(r, "principle"), field(r, "label"), field(r, "detail")});
  }
  out += table.render();
  return out;
}

std::string format_rules(const Json& catalogue) {
  Table table({false, false, false, true, false, false});
  table.add({"id", "principle", "label", "weight", "scope", "description"});
  for (const auto& rule : catalogue.value("rules", Json::array())) {
    if (!rule.is_object()) continue;
    table.add({field(rule, "id"), field(rule, "principle"), field(rule, "label"),
               short_number(number(rule.value("weight", Json(0)))), field(rule, "scope"),
               field(rule, "description")});
  }
  std::string out = table.render("");
  if (auto t = catalogue.value("thresholds", Json::object()); t.is_object() && !t.empty()) {
    out += "\nThresholds:";
    for (const auto& [label, value] : t.items()) out += " " + label + " " + fixed(number(value), 2);
    out += "\n";
  }
  return out;
}

}  // namespace notwork::cli
