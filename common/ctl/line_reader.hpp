// Reading command lines for the l3vpnctl shell.
//
// PlainLineReader: one line per std::getline, no editing, for pipes and tests.
// TerminalLineReader: termios raw mode on a tty (restored by the destructor):
//   printable keys, Backspace, Ctrl-U (erase line), Ctrl-C (abandon line),
//   Ctrl-D on an empty line (end), Up/Down arrows walk the history (last 200
//   lines), '?' calls the help callback with the line typed so far, prints its
//   answer and redraws the prompt and the line, as IOS does.
// Threads: one thread. Failure: a read error is treated as end of input.
#pragma once

#include <termios.h>

#include <deque>
#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

namespace l3vpn::ctl {

class LineReader {
 public:
  virtual ~LineReader() = default;
  // The next line (without newline), or nothing at end of input.
  virtual std::optional<std::string> read_line(const std::string& prompt) = 0;
};

class PlainLineReader final : public LineReader {
 public:
  PlainLineReader(std::istream& in, std::ostream& out) : in_(in), out_(out) {}
  // Writes the prompt and echoes the line read, so a piped session reads as a transcript.
  std::optional<std::string> read_line(const std::string& prompt) override;

 private:
  std::istream& in_;
  std::ostream& out_;
};

using HelpCallback = std::function<std::string(const std::string& line)>;

class TerminalLineReader final : public LineReader {
 public:
  // `fd` must be a tty (isatty); `help` answers '?' for the line so far.
  TerminalLineReader(int fd, std::ostream& out, HelpCallback help);
  ~TerminalLineReader() override;
  TerminalLineReader(const TerminalLineReader&) = delete;
  TerminalLineReader& operator=(const TerminalLineReader&) = delete;

  std::optional<std::string> read_line(const std::string& prompt) override;

 private:
  std::optional<char> read_byte();
  void redraw(const std::string& prompt, const std::string& line);
  void remember(const std::string& line);

  int fd_;
  std::ostream& out_;
  HelpCallback help_;
  termios saved_{};
  bool raw_ = false;
  std::deque<std::string> history_;
};

}  // namespace l3vpn::ctl
