#include "MockApiApp.h"

#include <Poco/Exception.h>

#include <iostream>

// An explicit main rather than POCO_SERVER_MAIN: ServerApplication::run(argc, argv)
// reports command-line errors with EXIT_CONFIG (78), while callers of the mock
// expect EXIT_USAGE (64), and it would turn a literal --daemon into a fork.
int main(int argc, char** argv)
{
	datatap::mock::MockApiApp app;
	try
	{
		app.init(argc, argv);
	}
	catch (const Poco::Exception& exc)
	{
		std::cerr << "datatap-mock-api: " << exc.displayText() << std::endl;
		return Poco::Util::Application::EXIT_USAGE;
	}
	return app.Application::run();
}
