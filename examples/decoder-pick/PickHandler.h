#pragma once

#include <datatap/Record.h>
#include <datatap/RecordSink.h>

#include <Poco/JSON/Handler.h>

#include <optional>
#include <string>
#include <vector>

namespace pick {

/// Follows the JSON events of a body that is one object or an array of objects
/// and writes, for each object, a record of just the chosen top-level fields, in
/// the order they were chosen. A chosen field must hold a scalar.
class PickHandler: public Poco::JSON::Handler
{
public:
	PickHandler(const std::vector<std::string>& fields, bool requireAll, datatap::RecordSink& sink);

	void reset() override;
	void startObject() override;
	void endObject() override;
	void startArray() override;
	void endArray() override;
	void key(const std::string& name) override;
	void null() override;
	void value(int v) override;
	void value(unsigned v) override;
	void value(Poco::Int64 v) override;
	void value(Poco::UInt64 v) override;
	void value(const std::string& text) override;
	void value(double d) override;
	void value(bool b) override;

private:
	/// A value or the start of a container, described for error messages.
	void element(const datatap::Value* value, const std::string& found);
	[[noreturn]] void fail(const std::string& problem) const;

	const std::vector<std::string>& _fields;
	const bool _requireAll;
	datatap::RecordSink& _sink;
	std::vector<std::optional<datatap::Value>> _values;
	datatap::Record _record;
	std::size_t _depth = 0;
	std::size_t _objectDepth = 0; ///< 0 outside an object, else the depth of its fields
	bool _topArray = false;
	std::size_t _chosen = 0;      ///< index in _fields of the current key, or _fields.size()
	std::size_t _index = 0;
};

} // namespace pick
