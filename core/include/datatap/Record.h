#pragma once

#include "datatap/Api.h"

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace datatap {

/// A nested JSON object or array kept as its compact JSON text.
struct RawJson
{
	std::string text;
	bool operator==(const RawJson& other) const { return text == other.text; }
};

using Value = std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, RawJson>;

struct Field
{
	std::string name;
	Value value;
};

/// One decoded record: named, typed fields in the order the decoder produced them.
/// Decoders reuse one Record between records (clear() keeps the capacity).
class DATATAP_API Record
{
public:
	void clear() { _fields.clear(); }
	void add(std::string name, Value value) { _fields.push_back({std::move(name), std::move(value)}); }

	const std::vector<Field>& fields() const { return _fields; }
	std::size_t size() const { return _fields.size(); }
	bool empty() const { return _fields.empty(); }

	/// The field of that name, or nullptr.
	const Value* find(const std::string& name) const;

private:
	std::vector<Field> _fields;
};

} // namespace datatap
