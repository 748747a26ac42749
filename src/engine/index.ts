console.log('engine stub')
