// Replays every file of the corpus folders given on the command line through the
// target, without libFuzzer, so the normal (gcc) build keeps each input a test.

#include "FuzzTarget.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace {

std::vector<std::uint8_t> readFile(const std::string& path)
{
	std::ifstream in(path, std::ios::binary);
	return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace

int main(int argc, char** argv)
{
	std::size_t replayed = 0;
	for (int i = 1; i < argc; ++i)
	{
		Poco::File folder(argv[i]);
		if (!folder.exists() || !folder.isDirectory())
		{
			std::cerr << argv[i] << ": expected a corpus folder, found none\n";
			return 1;
		}
		for (Poco::DirectoryIterator it(folder), end; it != end; ++it)
		{
			if (!it->isFile())
				continue;
			const std::vector<std::uint8_t> input = readFile(it->path());
			fuzzOne(input.data(), input.size());
			++replayed;
		}
	}
	// An empty corpus would pass without testing anything.
	if (replayed == 0)
	{
		std::cerr << "no corpus files replayed\n";
		return 1;
	}
	std::cout << replayed << " inputs replayed\n";
	return 0;
}
