// What `lab up` created, recorded under the lab's run directory as it goes, so
// that `lab down` can remove it even after `up` was killed half way.
//
// File RUN/state, one record a line, appended and flushed before the thing it
// names is created (a namespace) or right after (a daemon's pid):
//   lab NAME DIRECTORY
//   netns NAME
//   pid NODE PID SOCKET
// An unreadable or partly written line is skipped (a crash mid-write loses at
// most that line; `down` also removes every namespace the plan names).
// Edge code: file I/O only. Failure: never throws; append reports false.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace l3vpn::ctl {

struct RecordedDaemon {
  std::string node;
  pid_t pid = 0;
  std::string socket_path;  // also the marker that the pid is still ours (its command line has it)
};

struct RunState {
  std::string lab;
  std::string directory;
  std::vector<std::string> namespaces;
  std::vector<RecordedDaemon> daemons;
};

// Pure: the text of a state file to its records.
RunState parse_run_state(const std::string& text);
RunState read_run_state(const std::string& path);  // empty when there is no file
bool append_run_state(const std::string& path, const std::string& line);

}  // namespace l3vpn::ctl
