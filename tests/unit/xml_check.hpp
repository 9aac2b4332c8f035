// Test helpers for the SVG writers: a small XML well-formedness check (tags
// balanced and properly nested, attributes quoted, no raw '<' or '&' in
// text or attribute values) and attribute reading from one element's text.
// Not an XML parser: enough for what our writers produce, strict enough to
// catch an unescaped name or a tag left open.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace l3vpn::test {

// Empty when well-formed, else what is wrong and where (byte offset).
inline std::string xml_problem(std::string_view xml) {
  std::vector<std::string> open;
  const auto entity_ok = [&](std::size_t at) {
    for (const std::string_view e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})
      if (xml.substr(at, e.size()) == e) return true;
    return false;
  };
  std::size_t i = 0;
  while (i < xml.size()) {
    if (xml[i] == '&') {
      if (!entity_ok(i)) return "bad entity at " + std::to_string(i);
      ++i;
      continue;
    }
    if (xml[i] != '<') {
      if (xml[i] == '>') return "raw '>' in text at " + std::to_string(i);
      ++i;
      continue;
    }
    if (xml.substr(i, 2) == "<?") {
      const std::size_t end = xml.find("?>", i);
      if (end == std::string_view::npos) return "unclosed <? at " + std::to_string(i);
      i = end + 2;
      continue;
    }
    const bool closing = xml.substr(i, 2) == "</";
    std::size_t j = i + (closing ? 2 : 1);
    const std::size_t name_start = j;
    while (j < xml.size() && xml[j] != ' ' && xml[j] != '>' && xml[j] != '/' && xml[j] != '\n') ++j;
    const std::string name(xml.substr(name_start, j - name_start));
    if (name.empty()) return "tag without a name at " + std::to_string(i);
    // Attributes: name="value" with no raw '<' and only known entities.
    bool self_closing = false;
    for (;;) {
      while (j < xml.size() && (xml[j] == ' ' || xml[j] == '\n')) ++j;
      if (j >= xml.size()) return "unterminated tag " + name;
      if (xml[j] == '>') break;
      if (xml.substr(j, 2) == "/>") {
        self_closing = true;
        ++j;
        break;
      }
      const std::size_t eq = xml.find('=', j);
      if (eq == std::string_view::npos || eq + 1 >= xml.size() || xml[eq + 1] != '"')
        return "unquoted attribute in " + name + " at " + std::to_string(j);
      const std::size_t close = xml.find('"', eq + 2);
      if (close == std::string_view::npos) return "unterminated attribute in " + name;
      for (std::size_t k = eq + 2; k < close; ++k) {
        if (xml[k] == '<') return "raw '<' in an attribute of " + name + " at " + std::to_string(k);
        if (xml[k] == '&' && !entity_ok(k)) return "bad entity in an attribute of " + name;
      }
      j = close + 1;
    }
    if (closing) {
      if (open.empty() || open.back() != name) return "</" + name + "> closes " + (open.empty() ? "nothing" : open.back());
      open.pop_back();
    } else if (!self_closing) {
      open.push_back(name);
    }
    i = j + 1;
  }
  if (!open.empty()) return "<" + open.back() + "> never closed";
  return "";
}

// Every element `<tag ...>` whose text contains `marker`, as its opening tag text.
inline std::vector<std::string> elements_with(std::string_view xml, std::string_view tag, std::string_view marker) {
  std::vector<std::string> found;
  const std::string open = "<" + std::string(tag) + " ";
  for (std::size_t at = xml.find(open); at != std::string_view::npos; at = xml.find(open, at + 1)) {
    const std::size_t end = xml.find('>', at);
    const std::string element(xml.substr(at, end - at + 1));
    if (element.find(marker) != std::string::npos) found.push_back(element);
  }
  return found;
}

// The value of attribute `name` in one element's opening tag.
inline std::optional<std::string> attribute(std::string_view element, std::string_view name) {
  const std::string key = " " + std::string(name) + "=\"";
  const std::size_t at = element.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  const std::size_t start = at + key.size();
  return std::string(element.substr(start, element.find('"', start) - start));
}

inline std::size_t count(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace l3vpn::test
