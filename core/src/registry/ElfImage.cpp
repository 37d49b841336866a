#include "registry/ElfImage.h"

#include "datatap/Version.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <fmt/format.h>

#include <elf.h>

#include <cstring>
#include <vector>

namespace datatap {

namespace {

#if defined(__LP64__)
using Header = Elf64_Ehdr;
using ProgramHeader = Elf64_Phdr;
const unsigned char kNativeClass = ELFCLASS64;
#else
using Header = Elf32_Ehdr;
using ProgramHeader = Elf32_Phdr;
const unsigned char kNativeClass = ELFCLASS32;
#endif

std::string truncated(std::uint64_t size, std::uint64_t needed)
{
	return fmt::format("it is cut short: expected at least {} bytes, found {}; copy or build it again", needed, size);
}

} // namespace

std::string ElfImage::problem(const std::string& path)
{
	const std::uint64_t size = Poco::File(path).getSize();
	Poco::FileInputStream in(path);
	Header header{};
	in.read(reinterpret_cast<char*>(&header), sizeof(header));
	const std::uint64_t got = static_cast<std::uint64_t>(in.gcount());
	if (got < SELFMAG || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0)
		return fmt::format("not a shared library: expected an ELF plugin built against datatap {}, found no ELF header; take it out of the plugin path", version());
	// The loader itself refuses another word size or architecture cleanly.
	if (header.e_ident[EI_CLASS] != kNativeClass)
		return {};
	if (got < sizeof(header))
		return truncated(size, sizeof(header));
	if (header.e_type != ET_DYN)
		return fmt::format("not a shared library: expected ELF type {} (shared object), found type {}; build it with datatap_add_plugin()", ET_DYN, header.e_type);

	const std::uint64_t programEnd = header.e_phoff + std::uint64_t{header.e_phnum} * header.e_phentsize;
	if (programEnd > size)
		return truncated(size, programEnd);
	const std::uint64_t sectionEnd = header.e_shoff + std::uint64_t{header.e_shnum} * header.e_shentsize;
	if (sectionEnd > size)
		return truncated(size, sectionEnd);
	if (header.e_phentsize != sizeof(ProgramHeader))
		return fmt::format("its program headers are {} bytes each, expected {}; copy or build it again", header.e_phentsize, sizeof(ProgramHeader));

	std::vector<ProgramHeader> segments(header.e_phnum);
	in.seekg(static_cast<std::streamoff>(header.e_phoff));
	in.read(reinterpret_cast<char*>(segments.data()), static_cast<std::streamsize>(segments.size() * sizeof(ProgramHeader)));
	for (const ProgramHeader& segment: segments)
	{
		const std::uint64_t end = std::uint64_t{segment.p_offset} + segment.p_filesz;
		if (segment.p_type == PT_LOAD && end > size)
			return truncated(size, end);
	}
	return {};
}

} // namespace datatap
