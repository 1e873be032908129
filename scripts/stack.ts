console.log("stack", process.version, process.argv.slice(2))
