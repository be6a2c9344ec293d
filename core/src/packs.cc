#include "packs.h"

namespace tact::internal {

int Rubric::Index(std::string_view id) const {
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

double CheckParams::Number(std::string_view name) const {
  auto it = numbers.find(Sv(name));
  return it == numbers.end() ? 0 : it->second;
}

const std::vector<std::string>& CheckParams::List(std::string_view name) const {
  static const std::vector<std::string> kEmpty;
  auto it = lists.find(Sv(name));
  return it == lists.end() ? kEmpty : it->second;
}

}  // namespace tact::internal
