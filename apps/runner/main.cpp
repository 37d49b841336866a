#include "RunnerApp.h"

#include <Poco/Util/Application.h>

#include <iostream>

int main(int argc, char** argv)
{
	datatap::RunnerApp app;
	try
	{
		app.init(argc, argv);
	}
	catch (const Poco::Exception& exc)
	{
		std::cerr << "datatap: " << exc.displayText() << "; see datatap --help\n";
		return Poco::Util::Application::EXIT_USAGE;
	}
	return app.run();
}
