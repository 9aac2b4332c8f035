#include "ctl/lab_runner_state.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>
#include <sstream>

namespace l3vpn::ctl {

RunState parse_run_state(const std::string& text) {
  RunState state;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string kind;
    words >> kind;
    if (kind == "lab") {
      words >> state.lab >> state.directory;
    } else if (kind == "netns") {
      std::string name;
      if ((words >> name) && std::find(state.namespaces.begin(), state.namespaces.end(), name) == state.namespaces.end())
        state.namespaces.push_back(name);
    } else if (kind == "pid") {
      RecordedDaemon d;
      std::string pid_text;
      if (!(words >> d.node >> pid_text >> d.socket_path)) continue;
      int pid = 0;
      const auto [end, ec] = std::from_chars(pid_text.data(), pid_text.data() + pid_text.size(), pid);
      if (ec != std::errc{} || end != pid_text.data() + pid_text.size() || pid <= 1) continue;
      d.pid = pid;
      state.daemons.push_back(d);
    }
  }
  return state;
}

RunState read_run_state(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {};
  return parse_run_state(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
}

bool append_run_state(const std::string& path, const std::string& line) {
  std::ofstream out(path, std::ios::app);
  out << line << "\n";
  out.flush();
  return static_cast<bool>(out);
}

}  // namespace l3vpn::ctl
