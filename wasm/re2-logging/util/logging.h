// Copyright 2009 The RE2 Authors.  All Rights Reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

#ifndef UTIL_LOGGING_H_
#define UTIL_LOGGING_H_

// Notwork's replacement of RE2's util/logging.h for the WebAssembly build only
// (wasm/CMakeLists.txt puts this directory before RE2's own on RE2's include path).
//
// RE2's header writes its messages through a std::ostringstream. That one stream pulls
// all of libc++'s locale machinery into the module (std::locale's constructor installs
// every facet: money_get, time_get, num_put, codecvt, ... for char and wchar_t), about
// 70 KB of the engine's .wasm, for messages that are only ever written to stderr. This
// version writes the same text ("file:line: message\n", integers in decimal, as an
// ostream with default flags prints them) with a plain string builder. Everything else
// (the macros, CHECK aborting, DFATAL being ERROR under NDEBUG) is RE2's header's.

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string>
#include <type_traits>

#include "util/util.h"

// Debug-only checking.
#define DCHECK(condition) assert(condition)
#define DCHECK_EQ(val1, val2) assert((val1) == (val2))
#define DCHECK_NE(val1, val2) assert((val1) != (val2))
#define DCHECK_LE(val1, val2) assert((val1) <= (val2))
#define DCHECK_LT(val1, val2) assert((val1) < (val2))
#define DCHECK_GE(val1, val2) assert((val1) >= (val2))
#define DCHECK_GT(val1, val2) assert((val1) > (val2))

// Always-on checking
#define CHECK(x)	if(x){}else LogMessageFatal(__FILE__, __LINE__).stream() << "Check failed: " #x
#define CHECK_LT(x, y)	CHECK((x) < (y))
#define CHECK_GT(x, y)	CHECK((x) > (y))
#define CHECK_LE(x, y)	CHECK((x) <= (y))
#define CHECK_GE(x, y)	CHECK((x) >= (y))
#define CHECK_EQ(x, y)	CHECK((x) == (y))
#define CHECK_NE(x, y)	CHECK((x) != (y))

#define LOG_INFO LogMessage(__FILE__, __LINE__)
#define LOG_WARNING LogMessage(__FILE__, __LINE__)
#define LOG_ERROR LogMessage(__FILE__, __LINE__)
#define LOG_FATAL LogMessageFatal(__FILE__, __LINE__)
#define LOG_QFATAL LOG_FATAL

#ifdef NDEBUG
#define LOG_DFATAL LOG_ERROR
#else
#define LOG_DFATAL LOG_FATAL
#endif

#define LOG(severity) LOG_ ## severity.stream()

#define VLOG(x) if((x)>0){}else LOG_INFO.stream()

// What RE2 streams into a message: text, characters, integers, enumerations.
class LogStream {
 public:
  LogStream& operator<<(const char* s) { str_.append(s); return *this; }
  LogStream& operator<<(const std::string& s) { str_.append(s); return *this; }
  LogStream& operator<<(char c) { str_.push_back(c); return *this; }
  LogStream& operator<<(signed char c) { str_.push_back(static_cast<char>(c)); return *this; }
  LogStream& operator<<(unsigned char c) { str_.push_back(static_cast<char>(c)); return *this; }
  LogStream& operator<<(bool b) { str_.push_back(b ? '1' : '0'); return *this; }
  // Anything with data() and size() of chars (re2::StringPiece, std::string_view).
  template <typename T, typename = decltype(std::declval<const T&>().data() +
                                            std::declval<const T&>().size())>
  LogStream& operator<<(const T& s) { str_.append(s.data(), s.size()); return *this; }
  template <typename T,
            typename std::enable_if<std::is_integral<T>::value || std::is_enum<T>::value,
                                    int>::type = 0>
  LogStream& operator<<(T value) { return integer(value); }

  const std::string& str() const { return str_; }

 private:
  template <typename T>
  LogStream& integer(T value) {
    // An unscoped enumeration prints as its promoted integer, as with an ostream.
    using P = decltype(+value);
    using U = typename std::make_unsigned<P>::type;
    P v = +value;
    U magnitude = v < 0 ? U(0) - static_cast<U>(v) : static_cast<U>(v);
    char digits[24];
    char* p = digits + sizeof digits;
    do { *--p = static_cast<char>('0' + magnitude % 10); magnitude /= 10; } while (magnitude);
    if (v < 0) *--p = '-';
    str_.append(p, digits + sizeof digits - p);
    return *this;
  }
  std::string str_;
};

class LogMessage {
 public:
  LogMessage(const char* file, int line)
      : flushed_(false) {
    stream() << file << ":" << line << ": ";
  }
  void Flush() {
    stream() << "\n";
    const std::string& s = str_.str();
    size_t n = s.size();
    if (fwrite(s.data(), 1, n, stderr) < n) {}  // shut up gcc
    flushed_ = true;
  }
  ~LogMessage() {
    if (!flushed_) {
      Flush();
    }
  }
  LogStream& stream() { return str_; }

 private:
  bool flushed_;
  LogStream str_;

  LogMessage(const LogMessage&) = delete;
  LogMessage& operator=(const LogMessage&) = delete;
};

class LogMessageFatal : public LogMessage {
 public:
  LogMessageFatal(const char* file, int line)
      : LogMessage(file, line) {}
  ATTRIBUTE_NORETURN ~LogMessageFatal() {
    Flush();
    abort();
  }
 private:
  LogMessageFatal(const LogMessageFatal&) = delete;
  LogMessageFatal& operator=(const LogMessageFatal&) = delete;
};

#endif  // UTIL_LOGGING_H_
