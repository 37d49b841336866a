// The plugin descriptor reader, over descriptors built from the input: any
// class and option table is read or refused with a PluginError.

#include "FuzzTarget.h"
#include "datatap/Exceptions.h"
#include "datatap/PluginHandshake.h"
#include "registry/PluginRegistry.h"
#include "support/FuzzInput.h"

#include <deque>
#include <vector>

namespace {

// Keeps the strings the descriptor points at alive; null for an empty one now
// and then, as a careless plugin might leave a field.
class StringPool
{
public:
	explicit StringPool(datatap::fuzz::FuzzInput& input):
		_input(input)
	{
	}

	const char* next()
	{
		if ((_input.byte() & 0x7) == 0)
			return nullptr;
		_strings.push_back(_input.shortString());
		return _strings.back().c_str();
	}

private:
	datatap::fuzz::FuzzInput& _input;
	std::deque<std::string> _strings;
};

} // namespace

int fuzzOne(const std::uint8_t* data, std::size_t size)
{
	datatap::fuzz::FuzzInput input(data, size);
	StringPool strings(input);
	std::vector<DatatapClass> classes(input.byte() % 4);
	std::deque<std::vector<DatatapOption>> options;
	for (DatatapClass& entry: classes)
	{
		entry.name = strings.next();
		entry.kind = input.byte() % 4;
		entry.className = strings.next();
		entry.version = strings.next();
		entry.summary = strings.next();
		options.emplace_back(input.byte() % 5);
		for (DatatapOption& option: options.back())
		{
			option.name = strings.next();
			option.type = input.byte() % 6;
			option.flags = input.byte();
			option.defaultValue = strings.next();
			option.summary = strings.next();
		}
		entry.options = options.back().empty() && (input.byte() & 1) != 0 ? nullptr : options.back().data();
		// A count that disagrees with the table is what the reader cannot check;
		// only a missing table with a count is in scope.
		entry.optionCount = static_cast<std::uint32_t>(options.back().size());
		if (entry.options == nullptr && (input.byte() & 1) != 0)
			entry.optionCount = 3;
	}
	const DatatapPluginDescriptor descriptor{DATATAP_PLUGIN_API_VERSION, sizeof(DatatapPluginDescriptor), "fuzz", classes.empty() ? nullptr : classes.data(), static_cast<std::uint32_t>(classes.size())};
	try
	{
		datatap::PluginRegistry::readDescriptor("libfuzz.so", descriptor);
	}
	catch (const datatap::PluginError&)
	{
	}
	return 0;
}
